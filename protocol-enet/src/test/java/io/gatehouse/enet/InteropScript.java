package io.gatehouse.enet;

import java.util.ArrayList;
import java.util.List;

/** The message script shared with {@code src/test/c/enet_interop.c}; keep both in step. */
final class InteropScript {
    static final int N = 200;
    static final int LAST_INDEX = 3 + N;
    static final int CONNECT_DATA = 0xBC2D66BA;

    private InteropScript() {
    }

    static int length(int idx) {
        return switch (idx) {
            case 0 -> 14;
            case 1 -> 40;
            case 2 -> 50;
            case 3 -> 100_000;
            default -> 4 + (int) ((idx * 397L) % 4000);
        };
    }

    static byte[] message(int idx) {
        int len = length(idx);
        byte[] b = new byte[len];
        for (int j = 0; j < len; j++) {
            b[j] = (byte) ((idx * 131 + j * 7 + (j >> 8)) & 0xFF);
        }
        b[0] = (byte) (idx >>> 24);
        b[1] = (byte) (idx >>> 16);
        b[2] = (byte) (idx >>> 8);
        b[3] = (byte) idx;
        return b;
    }

    static DeliveryMode mode(int idx) {
        return idx == 1 ? DeliveryMode.UNRELIABLE : idx == 2 ? DeliveryMode.UNSEQUENCED : DeliveryMode.RELIABLE;
    }

    static int channel(int idx) {
        return idx == 1 || idx == 2 ? 1 : 0;
    }

    static List<Integer> indices(boolean full) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i <= LAST_INDEX; i++) {
            if (full || (i != 1 && i != 2)) {
                list.add(i);
            }
        }
        return list;
    }

    /** The index of a received script message, or -1 if its content is not exactly a script message. */
    static int indexOf(byte[] payload) {
        if (payload.length < 4) {
            return -1;
        }
        int idx = ((payload[0] & 0xFF) << 24) | ((payload[1] & 0xFF) << 16) | ((payload[2] & 0xFF) << 8)
            | (payload[3] & 0xFF);
        if (idx < 0 || idx > LAST_INDEX || payload.length != length(idx)) {
            return -1;
        }
        return java.util.Arrays.equals(payload, message(idx)) ? idx : -1;
    }
}
