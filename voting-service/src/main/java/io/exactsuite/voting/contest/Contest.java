package io.exactsuite.voting.contest;

import io.exactsuite.common.money.Money;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "contest")
public class Contest extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(name = "opens_at", nullable = false)
    public Instant opensAt;

    @Column(name = "closes_at", nullable = false)
    public Instant closesAt;

    @Column(name = "price_per_vote", nullable = false)
    public BigDecimal pricePerVote;

    @Column(nullable = false)
    public String currency;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @OneToMany(mappedBy = "contest")
    @OrderBy("position")
    public List<Contestant> contestants = new ArrayList<>();

    public Money price() {
        return Money.ofColumns(pricePerVote, currency);
    }

    /** Votes can be bought from opensAt (inclusive) until closesAt (exclusive). */
    public boolean isOpenAt(Instant moment) {
        return !moment.isBefore(opensAt) && moment.isBefore(closesAt);
    }
}
