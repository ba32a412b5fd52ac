package io.exactsuite.order;

import io.exactsuite.common.db.EmbeddedDatabase;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

@QuarkusMain
public class OrderMain {

    public static void main(String... args) {
        EmbeddedDatabase.startUnlessConfigured("order-service", "orders");
        Quarkus.run(args);
    }
}
