package io.exactsuite.points.account;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.UUID;

@RegisterForReflection
public record AccountView(UUID id, String ownerId, long balance, long held, long available) {

    public static AccountView of(Account account) {
        return new AccountView(account.id, account.ownerId, account.balance, account.held, account.available());
    }
}
