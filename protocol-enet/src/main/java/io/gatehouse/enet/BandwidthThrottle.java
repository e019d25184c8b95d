package io.gatehouse.enet;

import io.gatehouse.enet.wire.Protocol;

/**
 * {@code enet_host_bandwidth_throttle}: once a second, shares the host's outgoing bandwidth among peers by
 * lowering their unreliable throttle limits, and tells peers how much they may send us (BANDWIDTH_LIMIT).
 */
final class BandwidthThrottle {
    private BandwidthThrottle() {
    }

    private static boolean connected(EnetPeer p) {
        return p.state == PeerState.CONNECTED || p.state == PeerState.DISCONNECT_LATER;
    }

    static void run(HostCore host, long now) {
        long elapsed = now - host.bandwidthThrottleEpoch;
        EnetPeer[] peers = host.active;
        int count = host.activeCount;
        long peersTotal = 0;
        long dataTotal = 0;
        for (int i = 0; i < count; i++) {
            EnetPeer p = peers[i];
            if (connected(p)) {
                peersTotal++;
                dataTotal += p.outgoingDataTotal;
            }
        }
        if (peersTotal == 0) {
            host.bandwidthThrottleEpoch = now;
            return;
        }
        long peersRemaining = peersTotal;
        boolean needsAdjustment = true;
        long bandwidth = host.config.outgoingBandwidth() == 0 ? 0xFFFFFFFFL
            : host.config.outgoingBandwidth() * elapsed / 1000;
        long throttle = 0;
        while (peersRemaining > 0 && needsAdjustment) {
            needsAdjustment = false;
            throttle = dataTotal < bandwidth ? EnetPeer.PACKET_THROTTLE_SCALE
                : bandwidth * EnetPeer.PACKET_THROTTLE_SCALE / dataTotal;
            for (int i = 0; i < count; i++) {
                EnetPeer p = peers[i];
                if (!connected(p) || p.incomingBandwidth == 0 || p.outgoingBandwidthThrottleEpoch == now) {
                    continue;
                }
                long peerBandwidth = p.incomingBandwidth * elapsed / 1000;
                if (throttle * p.outgoingDataTotal / EnetPeer.PACKET_THROTTLE_SCALE <= peerBandwidth) {
                    continue;
                }
                p.packetThrottleLimit = Math.max(1, peerBandwidth * EnetPeer.PACKET_THROTTLE_SCALE / p.outgoingDataTotal);
                if (p.packetThrottle > p.packetThrottleLimit) {
                    p.packetThrottle = p.packetThrottleLimit;
                }
                p.outgoingBandwidthThrottleEpoch = now;
                needsAdjustment = true;
                peersRemaining--;
                bandwidth -= peerBandwidth;
                dataTotal -= peerBandwidth;
            }
        }
        if (peersRemaining > 0) {
            for (int i = 0; i < count; i++) {
                EnetPeer p = peers[i];
                if (!connected(p) || p.outgoingBandwidthThrottleEpoch == now) {
                    continue;
                }
                p.packetThrottleLimit = throttle;
                if (p.packetThrottle > p.packetThrottleLimit) {
                    p.packetThrottle = p.packetThrottleLimit;
                }
            }
        }
        if (host.recalculateBandwidthLimits) {
            host.recalculateBandwidthLimits = false;
            peersRemaining = peersTotal;
            bandwidth = host.config.incomingBandwidth();
            needsAdjustment = true;
            long bandwidthLimit = 0;
            if (bandwidth != 0) {
                while (peersRemaining > 0 && needsAdjustment) {
                    needsAdjustment = false;
                    bandwidthLimit = bandwidth / peersRemaining;
                    for (int i = 0; i < count; i++) {
                        EnetPeer p = peers[i];
                        if (!connected(p) || p.incomingBandwidthThrottleEpoch == now) {
                            continue;
                        }
                        if (p.outgoingBandwidth > 0 && p.outgoingBandwidth >= bandwidthLimit) {
                            continue;
                        }
                        p.incomingBandwidthThrottleEpoch = now;
                        needsAdjustment = true;
                        peersRemaining--;
                        bandwidth -= p.outgoingBandwidth;
                    }
                }
            }
            for (int i = 0; i < count; i++) {
                EnetPeer p = peers[i];
                if (!connected(p)) {
                    continue;
                }
                long incoming = p.incomingBandwidthThrottleEpoch == now ? p.outgoingBandwidth : bandwidthLimit;
                long outgoing = host.config.outgoingBandwidth();
                // libenet re-sends the limits to every peer on each change of the peer set; an unchanged
                // value carries no information, and with unlimited bandwidth it never changes
                if (incoming == p.advertisedIncomingBandwidth && outgoing == p.advertisedOutgoingBandwidth) {
                    continue;
                }
                p.advertisedIncomingBandwidth = incoming;
                p.advertisedOutgoingBandwidth = outgoing;
                OutgoingCommand c = p.newControlCommand(Protocol.COMMAND_BANDWIDTH_LIMIT | Protocol.FLAG_ACKNOWLEDGE);
                c.incomingBandwidth = incoming;
                c.outgoingBandwidth = outgoing;
                p.setupOutgoingCommand(c);
            }
        }
        host.bandwidthThrottleEpoch = now;
        for (int i = 0; i < count; i++) {
            peers[i].incomingDataTotal = 0;
            peers[i].outgoingDataTotal = 0;
        }
    }
}
