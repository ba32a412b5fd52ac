package io.exactsuite.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback that the consistency checker puts between every pair of talking parties: in
 * front of a service's replicas it is the round-robin balancer (skipping a killed replica), in front of
 * a database it is a plain pass-through. Owning the wire is what lets the checker inject faults there:
 * {@link #cutAll()} resets every live connection and {@link #delay(long)} slows every forwarded chunk.
 *
 * <p>Blocking sockets, one thread per direction of each connection; without faults the bytes of a
 * connection are forwarded complete and in order, and half-closes are passed on.
 */
public final class FaultyProxy implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;
    private static final int ACCEPTOR_EXIT_TIMEOUT_MILLIS = 1_000;
    private static final int CHUNK_BYTES = 16 * 1024;

    private final String name;
    private volatile List<InetSocketAddress> backends;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final Set<Link> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextBackend = new AtomicInteger();
    private final AtomicLong connectionIds = new AtomicLong();
    private final AtomicLong served = new AtomicLong();
    private volatile long delayMillis;
    private volatile boolean closed;

    private FaultyProxy(String name, List<InetSocketAddress> backends, ServerSocket listener) {
        this.name = name;
        this.backends = backends;
        this.listener = listener;
        this.acceptor = daemon(name + "-accept", this::acceptLoop);
    }

    /** Listens on 127.0.0.1 on a free port and forwards each accepted connection to the next backend. */
    public static FaultyProxy start(String name, List<InetSocketAddress> backends) {
        if (backends.isEmpty()) {
            throw new IllegalArgumentException(name + ": no backend to proxy to");
        }
        ServerSocket listener;
        try {
            listener = new ServerSocket(0, 128, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot listen on loopback", e);
        }
        FaultyProxy proxy = new FaultyProxy(name, List.copyOf(backends), listener);
        proxy.acceptor.start();
        return proxy;
    }

    /** Sends new connections to other backends from now on (a database restarted on another port). */
    public void retarget(List<InetSocketAddress> newBackends) {
        if (newBackends.isEmpty()) {
            throw new IllegalArgumentException("a proxy needs at least one backend");
        }
        backends = List.copyOf(newBackends);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Resets every live connection, both client and backend side; returns how many were cut. */
    public int cutAll() {
        int cut = 0;
        for (Link link : live) {
            if (link.abort()) {
                cut++;
            }
        }
        return cut;
    }

    /**
     * Waits this long before forwarding each chunk, in both directions, from now on; 0 for none. A long
     * transfer, read in several chunks, is slowed once per chunk.
     */
    public void delay(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("negative delay: " + millis);
        }
        delayMillis = millis;
    }

    /** Connections that reached a backend since the start. */
    public long connectionsServed() {
        return served.get();
    }

    /** Stops accepting (the port refuses connections once this returns) and resets every live connection. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        awaitAcceptorExit(); // the JDK releases the listening socket only once the blocked accept returns
        cutAll();
    }

    private void awaitAcceptorExit() {
        if (Thread.currentThread() == acceptor) {
            return;
        }
        try {
            acceptor.join(ACCEPTOR_EXIT_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "FaultyProxy[" + name + " :" + port() + " -> " + backends + "]";
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (closed || listener.isClosed()) {
                    return;
                }
                continue; // a client that gave up during the handshake; keep listening
            }
            Link link = new Link(client);
            live.add(link);
            if (closed) { // raced with close(): its cutAll may have missed this one
                link.abort();
                continue;
            }
            long id = connectionIds.incrementAndGet();
            daemon(name + "-" + id + "-up", () -> relay(link, id)).start();
        }
    }

    /** Connects the link to a backend, then pumps client to backend while a second thread pumps back. */
    private void relay(Link link, long id) {
        Socket backend = connectToABackend();
        if (backend == null) {
            link.close(); // every replica refused
            return;
        }
        if (!link.attach(backend)) {
            return; // cut while connecting
        }
        served.incrementAndGet();
        daemon(name + "-" + id + "-down", () -> pump(link, backend, link.client)).start();
        pump(link, link.client, backend);
    }

    /** Round-robin from the next backend, moving on past any that refuses (a killed replica). */
    private Socket connectToABackend() {
        List<InetSocketAddress> backends = this.backends;
        int first = Math.floorMod(nextBackend.getAndIncrement(), backends.size());
        for (int attempt = 0; attempt < backends.size() && !closed; attempt++) {
            InetSocketAddress address = backends.get((first + attempt) % backends.size());
            Socket backend = new Socket();
            try {
                backend.setTcpNoDelay(true);
                backend.connect(address, CONNECT_TIMEOUT_MILLIS);
                return backend;
            } catch (IOException e) {
                closeQuietly(backend);
            }
        }
        return null;
    }

    /** Forwards chunks in order until end of stream (passed on as a half-close) or a failure (a reset). */
    private void pump(Link link, Socket from, Socket to) {
        byte[] chunk = new byte[CHUNK_BYTES];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(chunk)) != -1) {
                long delay = delayMillis;
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                out.write(chunk, 0, read);
            }
            to.shutdownOutput();
            link.directionDone();
        } catch (IOException e) {
            link.abort();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            link.abort();
        }
    }

    private Thread daemon(String threadName, Runnable body) {
        Thread thread = new Thread(body, threadName);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // close with RST rather than FIN
        } catch (IOException ignored) {
            // already closed
        }
        closeQuietly(socket);
    }

    /** One proxied connection: the accepted client socket and, once connected, its backend socket. */
    private final class Link {
        final Socket client;
        private Socket backend;
        private int directionsDone;
        private boolean over;

        Link(Socket client) {
            this.client = client;
            try {
                client.setTcpNoDelay(true);
            } catch (IOException ignored) {
                // a client already gone fails on its first read
            }
        }

        /** False (and the backend closed) if the link was cut while the backend was connecting. */
        synchronized boolean attach(Socket connected) {
            if (over) {
                reset(connected);
                return false;
            }
            backend = connected;
            return true;
        }

        /** Both directions ended cleanly: an orderly close of both sockets. */
        synchronized void directionDone() {
            if (++directionsDone == 2 && !over) {
                over = true;
                live.remove(this);
                closeQuietly(client);
                closeQuietly(backend);
            }
        }

        /** Orderly close without a backend (none accepted the connection). */
        synchronized void close() {
            if (!over) {
                over = true;
                live.remove(this);
                closeQuietly(client);
            }
        }

        /** Resets both sides; true only for the call that actually cut the link. */
        synchronized boolean abort() {
            if (over) {
                return false;
            }
            over = true;
            live.remove(this);
            reset(client);
            if (backend != null) {
                reset(backend);
            }
            return true;
        }
    }
}
