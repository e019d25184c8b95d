package io.gatehouse.launcher.fivem;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * (The edge-gateway tests' {@code LossyRelay}, copied: test classes of other modules are not visible here.) A loopback UDP relay for one client that drops a share of datagrams in both directions and delays the rest
 * by a random few milliseconds, which reorders them.
 */
final class LossyRelay implements AutoCloseable {
    private final DatagramSocket clientSide;
    private final DatagramSocket serverSide;
    private final InetSocketAddress target;
    private final double dropRate;
    private final int maxDelayMillis;
    private final Random random;
    private final ScheduledExecutorService delayer = Executors.newSingleThreadScheduledExecutor();
    private volatile SocketAddress client;
    private volatile boolean running = true;
    final AtomicLong forwarded = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();

    LossyRelay(InetSocketAddress target, double dropRate, int maxDelayMillis, long seed) throws IOException {
        this.target = target;
        this.dropRate = dropRate;
        this.maxDelayMillis = maxDelayMillis;
        this.random = new Random(seed);
        this.clientSide = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.serverSide = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        start("relay-to-server", clientSide, true);
        start("relay-to-client", serverSide, false);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) clientSide.getLocalSocketAddress();
    }

    private void start(String name, DatagramSocket in, boolean towardsServer) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[65536];
            while (running) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    in.receive(packet);
                } catch (IOException e) {
                    return;
                }
                if (towardsServer) {
                    client = packet.getSocketAddress();
                }
                byte[] copy = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
                boolean drop;
                int delay;
                synchronized (random) {
                    drop = random.nextDouble() < dropRate;
                    delay = random.nextInt(maxDelayMillis + 1);
                }
                if (drop) {
                    dropped.incrementAndGet();
                    continue;
                }
                SocketAddress destination = towardsServer ? target : client;
                DatagramSocket out = towardsServer ? serverSide : clientSide;
                if (destination == null) {
                    continue;
                }
                try {
                    delayer.schedule(() -> {
                        try {
                            out.send(new DatagramPacket(copy, copy.length, destination));
                            forwarded.incrementAndGet();
                        } catch (IOException ignored) {
                            // relay closing
                        }
                    }, delay, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    return;
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        running = false;
        clientSide.close();
        serverSide.close();
        delayer.shutdownNow();
    }
}
