package io.exactsuite.voting.tally;

import io.exactsuite.common.metrics.CountingAuditCheck;
import jakarta.enterprise.context.ApplicationScoped;

/** Every contestant's tally is exactly the votes credited to it (less any withdrawn by a refund). */
@ApplicationScoped
public class TallyCheck extends CountingAuditCheck {

    public TallyCheck() {
        super("contest-tally", """
                SELECT count(*) FROM contestant c
                WHERE (SELECT coalesce(sum(s.votes), 0) FROM tally_stripe s WHERE s.contestant_id = c.id)
                   <> (SELECT coalesce(sum(v.votes - p.votes_withdrawn), 0) FROM vote_credit v
                       JOIN vote_purchase p ON p.id = v.purchase_id WHERE v.contestant_id = c.id)""");
    }
}
