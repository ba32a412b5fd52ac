package io.exactsuite.voting.tally;

import io.exactsuite.voting.VotingConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Vote counts, striped. Credits (written by {@link CreditBatcher}) add to one of {@code voting.tally-stripes}
 * rows chosen at random, so concurrent credits for one popular contestant rarely wait on the same row
 * lock; a read sums the stripes in one statement, so it sees every credit committed before it — exact,
 * never an estimate.
 */
@ApplicationScoped
public class Tally {

    @Inject
    EntityManager em;
    @Inject
    VotingConfig config;

    /** Adds votes (negative to withdraw) on one stripe; a stripe row appears on first use. */
    static final String ADD_TO_STRIPE = """
            INSERT INTO tally_stripe (contestant_id, stripe, votes) VALUES (?, ?, ?)
            ON CONFLICT (contestant_id, stripe) DO UPDATE SET votes = tally_stripe.votes + EXCLUDED.votes""";

    /** Withdraws votes inside the caller's transaction. Stripes may go below zero one by one; their sum never does. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void withdraw(UUID contestantId, long votes) {
        em.createNativeQuery(ADD_TO_STRIPE)
                .setParameter(1, contestantId)
                .setParameter(2, (short) ThreadLocalRandom.current().nextInt(config.tallyStripes()))
                .setParameter(3, -votes)
                .executeUpdate();
    }

    /** Ranked by votes, ties by contestant id. */
    public List<Standing> leaderboard(UUID contestId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT c.id, c.name, coalesce(sum(s.votes), 0) AS votes
                FROM contestant c LEFT JOIN tally_stripe s ON s.contestant_id = c.id
                WHERE c.contest_id = ?1 GROUP BY c.id, c.name ORDER BY votes DESC, c.id""")
                .setParameter(1, contestId).getResultList();
        List<Standing> standings = new java.util.ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            standings.add(new Standing(i + 1, (UUID) row[0], (String) row[1], ((Number) row[2]).longValue()));
        }
        return standings;
    }

    /** Per contestant, the tally against the credited purchases behind it (credited minus withdrawn votes), in one statement. */
    public List<AuditLine> audit(UUID contestId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT c.id, c.name,
                       (SELECT coalesce(sum(s.votes), 0) FROM tally_stripe s WHERE s.contestant_id = c.id),
                       (SELECT coalesce(sum(v.votes - p.votes_withdrawn), 0) FROM vote_credit v
                        JOIN vote_purchase p ON p.id = v.purchase_id WHERE v.contestant_id = c.id)
                FROM contestant c WHERE c.contest_id = ?1 ORDER BY c.position""")
                .setParameter(1, contestId).getResultList();
        return rows.stream().map(row -> {
            long tally = ((Number) row[2]).longValue();
            long credited = ((Number) row[3]).longValue();
            return new AuditLine((UUID) row[0], (String) row[1], tally, credited, tally == credited);
        }).toList();
    }

    @RegisterForReflection
    public record Standing(int rank, UUID contestantId, String name, long votes) {
    }

    @RegisterForReflection
    public record AuditLine(UUID contestantId, String name, long tally, long creditedVotes, boolean consistent) {
    }
}
