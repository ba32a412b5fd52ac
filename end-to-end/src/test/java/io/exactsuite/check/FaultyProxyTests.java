package io.exactsuite.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The proxy against line echo servers on loopback, each answering with its own prefix. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FaultyProxyTests {

    private static final int READ_TIMEOUT_MILLIS = 5_000;

    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();

    @AfterEach
    void closeEverything() throws Exception {
        while (!toClose.isEmpty()) {
            toClose.pop().close();
        }
    }

    @Test
    void requestsAlternateBetweenTheBackends() {
        FaultyProxy proxy = proxy(echo("a:"), echo("b:"));

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(roundTrip(proxy, "ping"));
        }

        assertThat(answers).containsOnly("a:ping", "b:ping");
        for (int i = 1; i < answers.size(); i++) {
            assertThat(answers.get(i)).as("answer %d of %s", i, answers).isNotEqualTo(answers.get(i - 1));
        }
        assertThat(proxy.connectionsServed()).isEqualTo(6);
    }

    @Test
    void aClosedBackendIsSkippedAndTheOtherAnswersEveryRequest() {
        EchoServer killed = echo("b:");
        FaultyProxy proxy = proxy(echo("a:"), killed);
        killed.close();

        for (int i = 0; i < 6; i++) {
            assertThat(roundTrip(proxy, "ping " + i)).isEqualTo("a:ping " + i);
        }
    }

    @Test
    void cutAllResetsAnOpenConnection() throws IOException {
        FaultyProxy proxy = proxy(echo("a:"));
        try (Client client = new Client(proxy)) {
            assertThat(client.exchange("before")).isEqualTo("a:before");

            assertThat(proxy.cutAll()).isGreaterThanOrEqualTo(1);

            assertThat(client.nextRead()).isIn("end of stream", "reset");
        }
        assertThat(roundTrip(proxy, "after")).as("new connections still go through").isEqualTo("a:after");
    }

    @Test
    void aDelayedProxySlowsARoundTrip() {
        FaultyProxy proxy = proxy(echo("a:"));
        proxy.delay(200);

        long start = System.nanoTime();
        String answer = roundTrip(proxy, "slow");
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(answer).isEqualTo("a:slow");
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(200);
    }

    @Test
    void aLargeMessageArrivesWholeAndInOrder() {
        FaultyProxy proxy = proxy(echo("a:"));
        Random random = new Random(42);
        StringBuilder message = new StringBuilder();
        for (int i = 0; i < 2 * 1024 * 1024; i++) {
            message.append((char) ('a' + random.nextInt(26)));
        }

        assertThat(roundTrip(proxy, message.toString())).isEqualTo("a:" + message);
    }

    @Test
    void closeStopsAcceptingAndCutsEverything() throws IOException {
        FaultyProxy proxy = FaultyProxy.start("closing", List.of(echo("a:").address()));
        try (Client client = new Client(proxy)) {
            assertThat(client.exchange("before")).isEqualTo("a:before");

            proxy.close();

            assertThat(client.nextRead()).isIn("end of stream", "reset");
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", proxy.port()).close()).isInstanceOf(IOException.class);
    }

    private FaultyProxy proxy(EchoServer... backends) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (EchoServer backend : backends) {
            addresses.add(backend.address());
        }
        FaultyProxy proxy = FaultyProxy.start("test-proxy", addresses);
        toClose.push(proxy);
        return proxy;
    }

    private EchoServer echo(String prefix) {
        EchoServer server = new EchoServer(prefix);
        toClose.push(server);
        return server;
    }

    /** One line over a fresh connection, as a request over a new HTTP connection would go. */
    private static String roundTrip(FaultyProxy proxy, String line) {
        try (Client client = new Client(proxy)) {
            return client.exchange(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Client implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final Writer out;

        Client(FaultyProxy proxy) throws IOException {
            socket = new Socket("127.0.0.1", proxy.port());
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
        }

        String exchange(String line) throws IOException {
            out.write(line + "\n");
            out.flush();
            return in.readLine();
        }

        /** What the next read sees: the connection closed, reset, or still open after the read timeout. */
        String nextRead() {
            try {
                return in.read() == -1 ? "end of stream" : "more data";
            } catch (SocketTimeoutException e) {
                return "still open";
            } catch (IOException e) {
                return "reset";
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Answers each line with its prefix and the line. */
    private static final class EchoServer implements AutoCloseable {
        private final String prefix;
        private final ServerSocket listener;
        private final Set<Socket> accepted = ConcurrentHashMap.newKeySet();

        EchoServer(String prefix) {
            this.prefix = prefix;
            try {
                listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            daemon(this::acceptLoop);
        }

        InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", listener.getLocalPort());
        }

        private void acceptLoop() {
            while (true) {
                Socket socket;
                try {
                    socket = listener.accept();
                } catch (IOException e) {
                    return; // closed
                }
                accepted.add(socket);
                daemon(() -> answer(socket));
            }
        }

        private void answer(Socket socket) {
            try (socket;
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                    Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.write(prefix + line + "\n");
                    out.flush();
                }
            } catch (IOException e) {
                // the proxy cut it
            } finally {
                accepted.remove(socket);
            }
        }

        private static void daemon(Runnable body) {
            Thread thread = new Thread(body, "echo");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            try {
                listener.close();
                for (Socket socket : accepted) {
                    socket.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
