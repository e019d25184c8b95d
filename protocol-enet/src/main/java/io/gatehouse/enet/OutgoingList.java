package io.gatehouse.enet;

/** An intrusive doubly linked list of outgoing commands: no node allocation per queued command. */
final class OutgoingList {
    OutgoingCommand head;
    OutgoingCommand tail;

    boolean isEmpty() {
        return head == null;
    }

    void addLast(OutgoingCommand c) {
        c.next = null;
        c.prev = tail;
        if (tail == null) {
            head = c;
        } else {
            tail.next = c;
        }
        tail = c;
    }

    /** Inserts {@code c} before {@code position}; a null position appends. */
    void insertBefore(OutgoingCommand position, OutgoingCommand c) {
        if (position == null) {
            addLast(c);
            return;
        }
        c.next = position;
        c.prev = position.prev;
        if (position.prev == null) {
            head = c;
        } else {
            position.prev.next = c;
        }
        position.prev = c;
    }

    void remove(OutgoingCommand c) {
        if (c.prev == null) {
            head = c.next;
        } else {
            c.prev.next = c.next;
        }
        if (c.next == null) {
            tail = c.prev;
        } else {
            c.next.prev = c.prev;
        }
        c.prev = null;
        c.next = null;
    }
}
