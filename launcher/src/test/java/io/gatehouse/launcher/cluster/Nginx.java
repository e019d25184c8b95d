package io.gatehouse.launcher.cluster;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx with the stream module as the players' balancer in front of the two gateways, as its own process
 * ({@code nginx -p <dir> -e <dir>/error.log -c <dir>/nginx.conf -g 'daemon off;'}), everything on 127.0.0.1.
 *
 * <ul>
 *   <li>{@code fivemPort} UDP → both gateways' FiveM UDP (OOB + ENet), and the same number over TCP → both gateways'
 *       FiveM HTTP plane, so a player uses one address as with a real server.</li>
 *   <li>{@code hytalePort} UDP → both gateways' QUIC listeners.</li>
 * </ul>
 *
 * <p>What the proxy does to the traffic, and why it still works:
 * <ul>
 *   <li><b>Source address.</b> nginx's UDP proxy opens one upstream socket per client source (a "session") and the
 *       gateway sees that socket (127.0.0.1:ephemeral), not the player. Replies go back through the same socket, so
 *       FiveM's OOB answers (infoResponse, {@code error ...}) reach the player from nginx's listen address, which is
 *       the address the client sent to: the client's "OOB only from my server" check passes. The ENet CONNECT gate
 *       (gate_connect.lua) records the first CONNECT's source <i>IP</i> (not the port) and refuses retries from another
 *       IP; behind nginx that IP is always nginx's own, so the gate passes here, and in production every player looks
 *       alike to it: the anti-theft part of the gate (a stolen token used from another address) is lost behind a
 *       non-transparent proxy. The initConnect records the TCP peer's address (nginx's or the player's, 127.0.0.1
 *       either way here); the registry does not compare it with the UDP source. Rate limits and {@code sv_proxyIPRanges}:
 *       loopback is a trusted proxy range by default, so nothing is limited per source here. In production the
 *       players' own addresses are lost behind a proxy unless it is transparent ({@code proxy_bind $remote_addr
 *       transparent}, which needs CAP_NET_ADMIN and policy routing, not done here) or the balancer is L4 DSR.</li>
 *   <li><b>Hash key.</b> The reference config hashes {@code $remote_addr}; here every player is 127.0.0.1, which would
 *       put them all on one gateway, so the UDP upstreams hash {@code $remote_addr:$remote_port}: one client socket
 *       stays on one gateway (ENet and QUIC use one socket per player), different players spread. The TCP upstream
 *       for FiveM HTTP hashes the same way, so a player's initConnect and its UDP often land on different gateways:
 *       the cluster must not care (the registry holds the token).</li>
 *   <li><b>Session lifetime.</b> {@code proxy_responses} is left unset (any number of datagrams back, as ENet and QUIC
 *       need) and {@code proxy_timeout} is 90 s (above ENet's 30 s peer timeout and QUIC's 60 s idle timeout), so a
 *       quiet but live player keeps its nginx session and thus its gateway.</li>
 *   <li>QUIC connection migration does not survive (nginx balances by address, not by connection ID).</li>
 * </ul>
 */
public final class Nginx implements AutoCloseable {

    static final Path STREAM_MODULE = Path.of("/usr/lib/nginx/modules/ngx_stream_module.so");

    private final ClusterProcess process;
    private final Path dir;
    public final int fivemPort;
    public final int hytalePort;

    private Nginx(ClusterProcess process, Path dir, int fivemPort, int hytalePort) {
        this.process = process;
        this.dir = dir;
        this.fivemPort = fivemPort;
        this.hytalePort = hytalePort;
    }

    /** Writes the config for the cluster's two gateways, checks it with {@code nginx -t}, starts nginx. */
    public static Nginx start(Path dir, List<Cluster.Gateway> gateways) throws Exception {
        String nginx = Cluster.findOnPath("nginx");
        if (!Files.isRegularFile(STREAM_MODULE)) {
            throw new AssertionError("nginx's stream module is missing (" + STREAM_MODULE + "): apt-get install "
                    + "libnginx-mod-stream, or run ./gatehouse test, which installs it");
        }
        Files.createDirectories(dir);
        int fivem = Cluster.freeTcpAndUdpPort();
        int hytale = Cluster.freeTcpAndUdpPort();
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, config(dir, fivem, hytale, gateways));
        List<String> base = List.of(nginx, "-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
                "-c", conf.toString());
        Process test = new ProcessBuilder(concat(base, "-t")).redirectErrorStream(true).start();
        String testOutput = new String(test.getInputStream().readAllBytes());
        if (!test.waitFor(20, TimeUnit.SECONDS) || test.exitValue() != 0) {
            throw new AssertionError("nginx -t refused the generated config:\n" + testOutput + "\n" + Files.readString(conf));
        }
        ClusterProcess process = new ClusterProcess("nginx", concat(base, "-g", "daemon off;"), dir, 0).start();
        Nginx started = new Nginx(process, dir, fivem, hytale);
        try {
            started.awaitListening();
        } catch (Throwable e) {
            started.close();
            throw e;
        }
        return started;
    }

    static String config(Path dir, int fivem, int hytale, List<Cluster.Gateway> gateways) {
        StringBuilder fivemServers = new StringBuilder();
        StringBuilder hytaleServers = new StringBuilder();
        for (Cluster.Gateway gateway : gateways) {
            // max_fails/fail_timeout: a dead gateway's ICMP port-unreachable takes it out for 5 s.
            fivemServers.append("        server 127.0.0.1:").append(gateway.fivemPort())
                    .append(" max_fails=1 fail_timeout=5s;\n");
            hytaleServers.append("        server 127.0.0.1:").append(gateway.hytalePort())
                    .append(" max_fails=1 fail_timeout=5s;\n");
        }
        return """
                load_module %s;
                worker_processes 1;
                pid %s;
                events { worker_connections 4096; }
                stream {
                    log_format gh '$remote_addr:$remote_port $protocol $server_port -> $upstream_addr $status $session_time';
                    access_log %s gh;
                    upstream fivem_udp {
                        hash $remote_addr:$remote_port consistent;
                %s    }
                    upstream fivem_http {
                        hash $remote_addr:$remote_port consistent;
                %s    }
                    upstream hytale_quic {
                        hash $remote_addr:$remote_port consistent;
                %s    }
                    server {
                        listen 127.0.0.1:%d udp;
                        proxy_pass fivem_udp;
                        proxy_timeout 90s;
                    }
                    server {
                        listen 127.0.0.1:%d;
                        proxy_pass fivem_http;
                        proxy_connect_timeout 2s;
                    }
                    server {
                        listen 127.0.0.1:%d udp;
                        proxy_pass hytale_quic;
                        proxy_timeout 90s;
                    }
                }
                """.formatted(STREAM_MODULE, dir.resolve("nginx.pid"), dir.resolve("access.log"),
                fivemServers, fivemServers, hytaleServers, fivem, fivem, hytale);
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("nginx exited:\n" + process.logText() + "\n" + errorLog());
            }
            try (Socket ignored = new Socket("127.0.0.1", fivemPort)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nginx did not listen on " + fivemPort + "\n" + errorLog());
    }

    public String fivemTarget() {
        return "127.0.0.1:" + fivemPort;
    }

    /** Which upstream each proxied session went to (the access log, written when a session ends). */
    public String accessLog() {
        try {
            return Files.readString(dir.resolve("access.log"));
        } catch (IOException e) {
            return "";
        }
    }

    public String errorLog() {
        try {
            return Files.readString(dir.resolve("error.log"));
        } catch (IOException e) {
            return "(no error.log)";
        }
    }

    private static List<String> concat(List<String> base, String... more) {
        List<String> all = new java.util.ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    @Override
    public void close() {
        // SIGTERM: nginx's fast shutdown; the master stops its worker.
        process.close();
    }
}
