/*
 * A FiveM client's realtime join on the stock libenet (what NetLibraryImplV2 does), for the gateway tests:
 *
 *   fivem_enet_client <host> <port> <token> <guid>
 *
 * enet_host_create(NULL, 1 peer, 2 channels), enet_host_connect(.., 2, HashString(token)), then on CONNECT the
 * reliable channel-0 handshake u32le 1 + "token=<t>&guid=<g>". Prints "CONNECTOK <text>" for connectOK,
 * "OBJECTIDS <count> <first> <last>" for msgObjectIds (it leaves after the first msgFrame), "MSG <type hex> <channel>" for anything else, "ERROR .."
 * for an out-of-band datagram it cannot parse (libenet drops them), then disconnects gracefully and prints
 * "DISCONNECTED". Exit 0 on success, 1 on timeout/failure.
 */
#include <enet/enet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <enet/time.h>

#define MSG_OBJECT_IDS 0x48E39581u
#define MSG_FRAME 0x53FFFA3Fu

/* FiveM's HashString: one-at-a-time Jenkins over the ASCII-lower-cased text. */
static enet_uint32 hash_string(const char *s) {
    enet_uint32 hash = 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char) *s;
        if (c >= 'A' && c <= 'Z') c = (unsigned char) (c - 'A' + 'a');
        hash += (signed char) c;
        hash += hash << 10;
        hash ^= hash >> 6;
    }
    hash += hash << 3;
    hash ^= hash >> 11;
    hash += hash << 15;
    return hash;
}

static enet_uint32 le32(const enet_uint8 *p) {
    return (enet_uint32) p[0] | ((enet_uint32) p[1] << 8) | ((enet_uint32) p[2] << 16) | ((enet_uint32) p[3] << 24);
}

static enet_uint16 le16(const enet_uint8 *p) {
    return (enet_uint16) (p[0] | (p[1] << 8));
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: %s host port token guid\n", argv[0]);
        return 2;
    }
    if (enet_initialize() != 0) { fprintf(stderr, "enet_initialize failed\n"); return 1; }
    ENetHost *client = enet_host_create(NULL, 1, 2, 0, 0);
    if (client == NULL) { fprintf(stderr, "cannot create host\n"); return 1; }
    ENetAddress address;
    enet_address_set_host(&address, argv[1]);
    address.port = (enet_uint16) atoi(argv[2]);
    ENetPeer *peer = enet_host_connect(client, &address, 2, hash_string(argv[3]));
    enet_peer_timeout(peer, 10000000, 10000000, 30000);

    int have_ok = 0, have_ids = 0, have_frame = 0, disconnecting = 0, done = 0;
    enet_uint32 deadline = enet_time_get() + 30000, disconnect_deadline = 0;
    while (!done && ENET_TIME_LESS(enet_time_get(), deadline)) {
        ENetEvent event;
        if (disconnecting && ENET_TIME_GREATER_EQUAL(enet_time_get(), disconnect_deadline)) {
            /* the DISCONNECT's acknowledgement was lost and the server already forgot the peer: ENet would
               retry until its 30 s timeout; a real client does not wait either */
            enet_peer_reset(peer);
            printf("DISCONNECTED unacknowledged\n");
            fflush(stdout);
            done = 1;
            break;
        }
        int r = enet_host_service(client, &event, 50);
        if (r < 0) { fprintf(stderr, "service failed\n"); break; }
        if (r == 0) continue;
        switch (event.type) {
        case ENET_EVENT_TYPE_CONNECT: {
            char text[512];
            int n = snprintf(text, sizeof text, "token=%s&guid=%s", argv[3], argv[4]);
            enet_uint8 *buf = malloc(4 + (size_t) n);
            buf[0] = 1; buf[1] = 0; buf[2] = 0; buf[3] = 0;
            memcpy(buf + 4, text, (size_t) n);
            enet_peer_send(peer, 0, enet_packet_create(buf, 4 + (size_t) n, ENET_PACKET_FLAG_RELIABLE));
            free(buf);
            printf("CONNECTED\n");
            fflush(stdout);
            break;
        }
        case ENET_EVENT_TYPE_RECEIVE: {
            ENetPacket *p = event.packet;
            if (p->dataLength >= 4) {
                enet_uint32 type = le32(p->data);
                if (type == 1) {
                    printf("CONNECTOK %.*s\n", (int) (p->dataLength - 4), (const char *) p->data + 4);
                    have_ok = 1;
                } else if (type == MSG_OBJECT_IDS && p->dataLength >= 6) {
                    enet_uint16 count = le16(p->data + 4);
                    unsigned last = 0, first = 0, total = 0;
                    for (unsigned i = 0; i < count && 6 + 4 * i + 4 <= p->dataLength; i++) {
                        unsigned gap = le16(p->data + 6 + 4 * i), size = le16(p->data + 8 + 4 * i);
                        last = (last + gap + 1) & 0xFFFF;
                        if (total == 0) first = last;
                        total += size + 1;
                        last = (last + size) & 0xFFFF;
                    }
                    printf("OBJECTIDS %u %u %u channel=%u\n", total, first, last, event.channelID);
                    have_ids = 1;
                } else {
                    if (type == MSG_FRAME) have_frame = 1;
                    printf("MSG %08x %u\n", type, event.channelID);
                }
                fflush(stdout);
            }
            enet_packet_destroy(p);
            if (have_ok && have_ids && have_frame && !disconnecting) {
                disconnecting = 1;
                disconnect_deadline = enet_time_get() + 3000;
                enet_peer_disconnect(peer, 0);
            }
            break;
        }
        case ENET_EVENT_TYPE_DISCONNECT:
            printf(disconnecting ? "DISCONNECTED\n" : "DROPPED\n");
            fflush(stdout);
            done = 1;
            break;
        default:
            break;
        }
    }
    enet_host_destroy(client);
    enet_deinitialize();
    return done && have_ok && have_ids ? 0 : 1;
}
