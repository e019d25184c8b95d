package io.gatehouse.enet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records a host's events for assertions (payloads copied, so nothing is retained). */
class RecordingListener implements EnetListener {
    record Connected(EnetPeer peer, int data) {
    }

    record Received(EnetPeer peer, int channelId, byte[] payload, DeliveryMode mode) {
    }

    record Disconnected(EnetPeer peer, DisconnectReason reason, int data) {
    }

    final BlockingQueue<Connected> connects = new LinkedBlockingQueue<>();
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final BlockingQueue<Disconnected> disconnects = new LinkedBlockingQueue<>();

    @Override
    public void onConnect(EnetPeer peer, int data) {
        connects.add(new Connected(peer, data));
    }

    @Override
    public void onReceive(EnetPeer peer, int channelId, ByteBuf payload, DeliveryMode mode) {
        received.add(new Received(peer, channelId, ByteBufUtil.getBytes(payload), mode));
    }

    @Override
    public void onDisconnect(EnetPeer peer, DisconnectReason reason, int data) {
        disconnects.add(new Disconnected(peer, reason, data));
    }

    Connected awaitConnect(long seconds) throws InterruptedException {
        Connected c = connects.poll(seconds, TimeUnit.SECONDS);
        if (c == null) {
            throw new AssertionError("no connect event within " + seconds + " s");
        }
        return c;
    }

    Received awaitReceive(long seconds) throws InterruptedException {
        Received r = received.poll(seconds, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no message within " + seconds + " s");
        }
        return r;
    }

    Disconnected awaitDisconnect(long seconds) throws InterruptedException {
        Disconnected d = disconnects.poll(seconds, TimeUnit.SECONDS);
        if (d == null) {
            throw new AssertionError("no disconnect event within " + seconds + " s");
        }
        return d;
    }
}
