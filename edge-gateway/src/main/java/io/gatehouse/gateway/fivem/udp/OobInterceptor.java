package io.gatehouse.gateway.fivem.udp;

import io.gatehouse.enet.DatagramInterceptor;
import io.gatehouse.enet.EnetHost;
import io.gatehouse.fivem.protocol.oob.InfoResponse;
import io.gatehouse.fivem.protocol.oob.OobPacket;
import io.gatehouse.fivem.protocol.oob.OutOfBand;
import io.gatehouse.fivem.protocol.oob.StatusResponse;
import io.gatehouse.gateway.fivem.http.IpRanges;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * FXServer's UDP demultiplexer in front of ENet ({@code WithOutOfBandImpl}, reference §1–2): datagrams starting
 * {@code FF FF FF FF} are out-of-band. getinfo answers {@code infoResponse} byte-exact from this socket (so from the
 * address the client targeted), rate-limited per source (2/s, burst 10; {@code sv_proxyIPRanges} exempt); getstatus
 * only with {@code sv_enableGetStatus}; rcon is consumed unanswered (not supported); an empty key is swallowed; an
 * unknown key falls through to ENet, where it is garbage. Everything else goes to ENet untouched and unallocated.
 */
final class OobInterceptor implements DatagramInterceptor {

    private final ServerInfoCache info;
    private final IpRanges proxyRanges;
    private final SourceRateLimiter getinfoLimiter;
    private final SourceRateLimiter getstatusLimiter;
    private final boolean getStatusEnabled;
    private final FivemUdpMetrics metrics;

    OobInterceptor(ServerInfoCache info, IpRanges proxyRanges, SourceRateLimiter getinfoLimiter,
                   SourceRateLimiter getstatusLimiter, boolean getStatusEnabled, FivemUdpMetrics metrics) {
        this.info = info;
        this.proxyRanges = proxyRanges;
        this.getinfoLimiter = getinfoLimiter;
        this.getstatusLimiter = getstatusLimiter;
        this.getStatusEnabled = getStatusEnabled;
        this.metrics = metrics;
    }

    @Override
    public boolean intercept(EnetHost host, InetSocketAddress sender, ByteBuf datagram) {
        int start = datagram.readerIndex();
        // ENet headers never start with 0xFFFFFFFF in practice; the check costs one read and no allocation
        if (datagram.readableBytes() < 4 || datagram.getInt(start) != -1) {
            return false;
        }
        OobPacket packet = OutOfBand.classify(ByteBufUtil.getBytes(datagram, start, datagram.readableBytes(), false));
        switch (packet.kind()) {
            case SWALLOWED:
                return true;
            case GETINFO:
                answerGetInfo(host, sender, packet);
                return true;
            case GETSTATUS:
                if (getStatusEnabled && allowed(getstatusLimiter, sender.getAddress(), "getstatus")) {
                    send(host, sender, StatusResponse.encode(info.snapshot().maxClients(), info.snapshot().clients(),
                            info.playerNames(), info.serverInfoVars()));
                }
                return true;
            case RCON:
                return true; // no rcon on a gateway: consumed without an answer
            default:
                return false; // NOT_OOB cannot happen here; UNHANDLED falls through as in FXServer
        }
    }

    private void answerGetInfo(EnetHost host, InetSocketAddress sender, OobPacket packet) {
        Optional<String> challenge = OutOfBand.getInfoChallenge(packet);
        if (challenge.isEmpty()) {
            return; // data longer than 8 bytes: FXServer drops it
        }
        if (!allowed(getinfoLimiter, sender.getAddress(), "getinfo")) {
            return;
        }
        send(host, sender, InfoResponse.encode(info.snapshot(), challenge.get()));
    }

    private boolean allowed(SourceRateLimiter limiter, InetAddress source, String name) {
        if (proxyRanges.contains(source)) {
            return true;
        }
        if (limiter.tryConsume(source, System.nanoTime())) {
            return true;
        }
        metrics.rateLimited(name);
        return false;
    }

    private static void send(EnetHost host, InetSocketAddress to, byte[] datagram) {
        host.sendRaw(to, Unpooled.wrappedBuffer(datagram));
    }
}
