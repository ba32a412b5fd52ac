package io.exactsuite.payment;

import io.exactsuite.common.db.EmbeddedDatabase;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

@QuarkusMain
public class PaymentMain {

    public static void main(String... args) {
        EmbeddedDatabase.startUnlessConfigured("payment-service", "payments");
        Quarkus.run(args);
    }
}
