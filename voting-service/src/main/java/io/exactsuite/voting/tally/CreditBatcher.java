package io.exactsuite.voting.tally;

import io.agroal.api.AgroalDataSource;
import io.exactsuite.common.db.DbTime;
import io.exactsuite.common.problem.ApiException;
import io.exactsuite.voting.VotingConfig;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.agroal.DataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Group commit for credits. Requests that want votes credited hand them to one committer thread per
 * replica and wait; the committer writes everything waiting (up to {@code voting.credit-batch-size})
 * in one transaction, on its own small connection pool (datasource "credits"): the purchases marked CREDITED
 * (only those still awaiting their success), each one's credit row (its primary key still makes every credit
 * happen at most once), one tally change per contestant. Under load a commit
 * carries many credits, so one hot contestant is no longer capped by one commit per credit. Nothing
 * here decides correctness: a request whose batch failed retries, and the database dedupes.
 */
@ApplicationScoped
public class CreditBatcher {

    private static final Logger LOG = Logger.getLogger(CreditBatcher.class);
    private static final long WAIT_SECONDS = 10;

    @Inject
    @DataSource("credits")
    AgroalDataSource credits;
    @Inject
    VotingConfig config;

    private final LinkedBlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final DistributionSummary creditsPerCommit;
    private volatile boolean running;
    private Thread committer;

    @Inject
    public CreditBatcher(MeterRegistry registry) {
        this.creditsPerCommit = DistributionSummary.builder("voting.credits.per.commit")
                .description("Credits the committer wrote in one transaction").register(registry);
    }

    public record Credit(UUID purchaseId, UUID contestantId, int votes) {
    }

    private record Pending(Credit credit, CompletableFuture<Void> done) {
    }

    void start(@Observes StartupEvent event) {
        running = true;
        committer = new Thread(this::commitLoop, "vote-credit-committer");
        committer.setDaemon(true);
        committer.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        committer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    }

    /** Returns once the credit is committed (or was already there); never credits twice. */
    public void credit(Credit credit) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        waiting.add(new Pending(credit, done));
        try {
            done.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw ApiException.unavailable("credit_pending", "Crediting is slow right now; retry the request", 1);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void commitLoop() {
        while (running || !waiting.isEmpty()) {
            try {
                Pending first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Pending> batch = new ArrayList<>();
                batch.add(first);
                waiting.drainTo(batch, config.creditBatchSize() - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Credit committer failed; it keeps going", e);
            }
        }
    }

    /** One transaction for the batch; if it fails, each credit is tried alone so one bad credit fails only itself. */
    private void commit(List<Pending> batch) {
        try (Connection connection = credits.getConnection()) {
            connection.setAutoCommit(false);
            try {
                write(connection, batch.stream().map(Pending::credit).toList());
                connection.commit();
                creditsPerCommit.record(batch.size());
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
            batch.forEach(pending -> pending.done().complete(null));
        } catch (SQLException | RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).done().completeExceptionally(e);
                return;
            }
            batch.forEach(pending -> commit(List.of(pending)));
        }
    }

    /**
     * Three statements whatever the batch size. First the purchases: marked CREDITED only while they still
     * await their success (PENDING_PAYMENT, or FAILED and now paid after all), their rows locked in id order
     * so two replicas' batches cannot deadlock on them (FOR NO KEY UPDATE: requests waiting for this batch hold
     * the key-share lock their payment_event row's foreign key took, which this must not wait for). A purchase that was refunded, or is being refunded
     * because its payment came too late, is no longer in that state and gets nothing: the refund path
     * changes the status under the same row lock, so exactly one of the two wins. Then the credit rows of
     * the purchases just marked (set-based; the primary key still makes each credit happen at most once),
     * then one stripe change per contestant (in contestant id order).
     */
    private void write(Connection connection, List<Credit> batch) throws SQLException {
        Timestamp now = Timestamp.from(DbTime.now());
        Set<UUID> marked = new HashSet<>();
        try (PreparedStatement mark = connection.prepareStatement("""
                UPDATE vote_purchase SET status = 'CREDITED', updated_at = ?
                WHERE id IN (SELECT id FROM vote_purchase WHERE id = ANY (?) AND status IN ('PENDING_PAYMENT', 'FAILED')
                             ORDER BY id FOR NO KEY UPDATE)
                  AND status IN ('PENDING_PAYMENT', 'FAILED')
                RETURNING id""")) {
            mark.setTimestamp(1, now);
            mark.setArray(2, connection.createArrayOf("uuid", batch.stream().map(Credit::purchaseId).toArray()));
            try (ResultSet rows = mark.executeQuery()) {
                while (rows.next()) {
                    marked.add(rows.getObject(1, UUID.class));
                }
            }
        }
        List<Credit> ordered = batch.stream().filter(credit -> marked.contains(credit.purchaseId()))
                .sorted(Comparator.comparing(Credit::purchaseId)).distinct().toList();
        if (ordered.isEmpty()) {
            return;
        }
        Map<UUID, Long> votesByContestant = new TreeMap<>();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO vote_credit (purchase_id, contestant_id, votes, credited_at)
                SELECT p, c, v, ? FROM unnest(?::uuid[], ?::uuid[], ?::int[]) AS t(p, c, v)
                ON CONFLICT (purchase_id) DO NOTHING
                RETURNING purchase_id, contestant_id, votes""")) {
            insert.setTimestamp(1, now);
            insert.setArray(2, connection.createArrayOf("uuid", ordered.stream().map(Credit::purchaseId).toArray()));
            insert.setArray(3, connection.createArrayOf("uuid", ordered.stream().map(Credit::contestantId).toArray()));
            insert.setArray(4, connection.createArrayOf("int4", ordered.stream().map(Credit::votes).toArray()));
            try (ResultSet inserted = insert.executeQuery()) {
                while (inserted.next()) {
                    votesByContestant.merge(inserted.getObject(2, UUID.class), (long) inserted.getInt(3), Long::sum);
                }
            }
        }
        try (PreparedStatement add = connection.prepareStatement(Tally.ADD_TO_STRIPE)) {
            for (Map.Entry<UUID, Long> entry : votesByContestant.entrySet()) {
                add.setObject(1, entry.getKey());
                add.setShort(2, (short) ThreadLocalRandom.current().nextInt(config.tallyStripes()));
                add.setLong(3, entry.getValue());
                add.executeUpdate();
            }
        }
    }
}
