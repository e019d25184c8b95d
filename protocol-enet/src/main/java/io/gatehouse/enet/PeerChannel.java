package io.gatehouse.enet;

/** Per-channel sequencing state ({@code ENetChannel}). Sequence numbers are u16 held in ints. */
final class PeerChannel {
    static final int RELIABLE_WINDOWS = 16;
    static final int RELIABLE_WINDOW_SIZE = 0x1000;
    static final int FREE_RELIABLE_WINDOWS = 8;

    int outgoingReliableSeq;
    int outgoingUnreliableSeq;
    int usedReliableWindows;
    /** Count of unacknowledged reliable commands per window; allocated on first reliable send. */
    short[] reliableWindows;
    int incomingReliableSeq;
    int incomingUnreliableSeq;
    final IncomingList incomingReliable = new IncomingList();
    final IncomingList incomingUnreliable = new IncomingList();

    int reliableWindow(int window) {
        return reliableWindows == null ? 0 : reliableWindows[window] & 0xFFFF;
    }

    void addToReliableWindow(int window) {
        if (reliableWindows == null) {
            reliableWindows = new short[RELIABLE_WINDOWS];
        }
        usedReliableWindows |= 1 << window;
        reliableWindows[window]++;
    }

    void removeFromReliableWindow(int window) {
        if (reliableWindows != null && reliableWindows[window] != 0) {
            reliableWindows[window]--;
            if (reliableWindows[window] == 0) {
                usedReliableWindows &= ~(1 << window);
            }
        }
    }
}
