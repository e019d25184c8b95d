package io.gatehouse.enet;

/** An intrusive doubly linked list of incoming commands; {@code null} plays the role of ENet's list sentinel. */
final class IncomingList {
    IncomingCommand head;
    IncomingCommand tail;

    boolean isEmpty() {
        return head == null;
    }

    void addLast(IncomingCommand c) {
        c.next = null;
        c.prev = tail;
        if (tail == null) {
            head = c;
        } else {
            tail.next = c;
        }
        tail = c;
    }

    /** Inserts {@code c} right after {@code anchor}; a null anchor inserts at the front. */
    void insertAfter(IncomingCommand anchor, IncomingCommand c) {
        if (anchor == null) {
            c.prev = null;
            c.next = head;
            if (head == null) {
                tail = c;
            } else {
                head.prev = c;
            }
            head = c;
            return;
        }
        c.prev = anchor;
        c.next = anchor.next;
        if (anchor.next == null) {
            tail = c;
        } else {
            anchor.next.prev = c;
        }
        anchor.next = c;
    }

    void remove(IncomingCommand c) {
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

    IncomingCommand pollFirst() {
        IncomingCommand c = head;
        if (c != null) {
            remove(c);
        }
        return c;
    }

    /** Moves the contiguous run {@code first..last} (inclusive) to the end of {@code target}. */
    void moveRangeTo(IncomingCommand first, IncomingCommand last, IncomingList target) {
        IncomingCommand before = first.prev;
        IncomingCommand after = last.next;
        if (before == null) {
            head = after;
        } else {
            before.next = after;
        }
        if (after == null) {
            tail = before;
        } else {
            after.prev = before;
        }
        first.prev = target.tail;
        last.next = null;
        if (target.tail == null) {
            target.head = first;
        } else {
            target.tail.next = first;
        }
        target.tail = last;
    }
}
