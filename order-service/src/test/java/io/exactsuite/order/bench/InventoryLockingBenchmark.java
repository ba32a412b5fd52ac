package io.exactsuite.order.bench;

import io.exactsuite.common.db.EmbeddedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Not a test: measures reservations per second for the three locking strategies, replaying over JDBC
 * the statements each one issues (see Inventory), against a durable PostgreSQL (fsync on). One hot
 * product, then the same load spread over 100 products. Run: order-service/bench/inventory-locking.sh
 */
public final class InventoryLockingBenchmark {

    private static final int CLIENTS = Integer.getInteger("clients", 16);
    private static final int SECONDS = Integer.getInteger("seconds", 5);

    private interface Reservation {
        /** One reservation transaction; returns how many attempts it took. */
        int run(Connection connection, UUID product) throws SQLException;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("inventory-bench-");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir, true, "bench")) {
            try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", "")) {
                connection.createStatement().execute(Files.readString(
                        Path.of("src/main/resources/db/migration/V1__orders.sql")));
            }
            List<UUID> products = products(database.jdbcUrl(), 100);
            String[][] strategies = { { "guarded-update" }, { "pessimistic" }, { "optimistic" } };
            Reservation[] runs = { InventoryLockingBenchmark::guarded, InventoryLockingBenchmark::pessimistic,
                    InventoryLockingBenchmark::optimistic };
            System.out.printf("%d clients, %d s per run, PostgreSQL with fsync on%n%n", CLIENTS, SECONDS);
            System.out.printf("%-16s %-10s %14s %10s %16s%n", "strategy", "products", "reservations/s", "vs guarded",
                    "attempts/reserv.");
            double[] guardedRate = new double[2];
            for (int s = 0; s < runs.length; s++) {
                for (int spread = 0; spread < 2; spread++) {
                    List<UUID> targets = spread == 0 ? products.subList(0, 1) : products;
                    double[] result = measure(database.jdbcUrl(), targets, runs[s]);
                    if (s == 0) {
                        guardedRate[spread] = result[0];
                    }
                    System.out.printf("%-16s %-10s %14.0f %9.2fx %16.2f%n", strategies[s][0], spread == 0 ? "1 (hot)" : "100",
                            result[0], result[0] / guardedRate[spread], result[1]);
                }
            }
        }
    }

    private static double[] measure(String url, List<UUID> targets, Reservation reservation) throws Exception {
        LongAdder reservations = new LongAdder();
        LongAdder attempts = new LongAdder();
        CountDownLatch start = new CountDownLatch(1);
        long deadline = System.nanoTime() + SECONDS * 1_000_000_000L + 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Thread thread = new Thread(() -> {
                try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
                    connection.setAutoCommit(false);
                    start.await();
                    while (System.nanoTime() < deadline) {
                        UUID product = targets.get(ThreadLocalRandom.current().nextInt(targets.size()));
                        attempts.add(reservation.run(connection, product));
                        reservations.increment();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        long began = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        return new double[] { reservations.sum() / seconds, attempts.sum() / (double) reservations.sum() };
    }

    private static int guarded(Connection connection, UUID product) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE product SET reserved = reserved + 1, "
                + "version = version + 1 WHERE id = ? AND capacity - reserved - sold >= 1")) {
            update.setObject(1, product);
            update.executeUpdate();
        }
        connection.commit();
        return 1;
    }

    private static int pessimistic(Connection connection, UUID product) throws SQLException {
        long version = read(connection, product, " FOR UPDATE");
        versionedUpdate(connection, product, version);
        connection.commit();
        return 1;
    }

    private static int optimistic(Connection connection, UUID product) throws SQLException {
        for (int attempt = 1;; attempt++) {
            long version = read(connection, product, "");
            if (versionedUpdate(connection, product, version) == 1) {
                connection.commit();
                return attempt;
            }
            connection.rollback();
        }
    }

    private static long read(Connection connection, UUID product, String lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT capacity, reserved, sold, version FROM product WHERE id = ?" + lock)) {
            select.setObject(1, product);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(4);
            }
        }
    }

    /** What Hibernate flushes for a @Version entity. */
    private static int versionedUpdate(Connection connection, UUID product, long version) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE product SET reserved = reserved + 1, version = ? WHERE id = ? AND version = ?")) {
            update.setLong(1, version + 1);
            update.setObject(2, product);
            update.setLong(3, version);
            return update.executeUpdate();
        }
    }

    private static List<UUID> products(String url, int count) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                PreparedStatement insert = connection.prepareStatement("INSERT INTO product (id, sku, kind, name, price, "
                        + "currency, dated, capacity, created_at) VALUES (?, ?, 'TICKET', 'bench', 1, 'USD', false, 2000000000, now())")) {
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                insert.setObject(1, id);
                insert.setString(2, "BENCH-" + i);
                insert.executeUpdate();
                ids.add(id);
            }
        }
        return ids;
    }
}
