/*
 * Reference peer for the Java ENet interop tests, built against the stock libenet at test time.
 *
 *   enet_interop server [disconnect-last]    echo server on 127.0.0.1, ephemeral port ("LISTENING <port>");
 *                                            with disconnect-last it disconnects the client (data 99) once the
 *                                            last script message is echoed, as the Java echo server does
 *   enet_interop client <host> <port> <full|reliable>
 *                                            runs the test script against an echo server and verifies it
 *
 * The script (mirrored in InteropScript.java): message i carries a deterministic pattern with i in its first
 * four bytes. Index 0 is a small reliable message, 1 unreliable (ch1), 2 unsequenced (ch1), 3 a 100 000-byte
 * reliable message (fragmented), 4..3+N reliable messages of varied sizes. "reliable" mode (for lossy links)
 * skips 1 and 2. The client expects every echo (reliable ones in order) and then a DISCONNECT with data 99.
 * The server echoes each message with the same channel and flags and exits on DISCONNECT.
 */
#include <enet/enet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <enet/time.h>

#define SCRIPT_N 200
#define LAST_INDEX (3 + SCRIPT_N)
#define CONNECT_DATA 0xBC2D66BAu

static size_t script_length(unsigned idx) {
    switch (idx) {
    case 0: return 14;
    case 1: return 40;
    case 2: return 50;
    case 3: return 100000;
    default: return 4 + (idx * 397u) % 4000u;
    }
}

static void script_fill(unsigned char *buf, size_t len, unsigned idx) {
    for (size_t j = 0; j < len; j++)
        buf[j] = (unsigned char) ((idx * 131u + j * 7u + (j >> 8)) & 0xFF);
    buf[0] = (unsigned char) (idx >> 24);
    buf[1] = (unsigned char) (idx >> 16);
    buf[2] = (unsigned char) (idx >> 8);
    buf[3] = (unsigned char) idx;
}

static int script_check(const ENetPacket *packet, unsigned *idx_out) {
    if (packet->dataLength < 4) return 0;
    unsigned idx = ((unsigned) packet->data[0] << 24) | ((unsigned) packet->data[1] << 16)
                 | ((unsigned) packet->data[2] << 8) | packet->data[3];
    if (idx > LAST_INDEX || packet->dataLength != script_length(idx)) return 0;
    unsigned char *expected = malloc(packet->dataLength);
    script_fill(expected, packet->dataLength, idx);
    int ok = memcmp(expected, packet->data, packet->dataLength) == 0;
    free(expected);
    *idx_out = idx;
    return ok;
}

static void send_script_message(ENetPeer *peer, unsigned idx) {
    size_t len = script_length(idx);
    unsigned char *buf = malloc(len);
    script_fill(buf, len, idx);
    enet_uint32 flags = idx == 1 ? 0 : idx == 2 ? ENET_PACKET_FLAG_UNSEQUENCED : ENET_PACKET_FLAG_RELIABLE;
    ENetPacket *packet = enet_packet_create(buf, len, flags);
    free(buf);
    enet_peer_send(peer, idx == 1 || idx == 2 ? 1 : 0, packet);
}

static int run_server(int disconnect_last) {
    ENetAddress address;
    enet_address_set_host(&address, "127.0.0.1");
    address.port = 0;
    ENetHost *host = enet_host_create(&address, 32, 2, 0, 0);
    if (host == NULL) { fprintf(stderr, "cannot create host\n"); return 2; }
    ENetAddress bound;
    enet_socket_get_address(host->socket, &bound);
    printf("LISTENING %u\n", bound.port);
    fflush(stdout);

    unsigned received = 0;
    enet_uint32 deadline = enet_time_get() + 90000;
    while (ENET_TIME_LESS(enet_time_get(), deadline)) {
        ENetEvent event;
        while (enet_host_service(host, &event, 2) > 0) {
            switch (event.type) {
            case ENET_EVENT_TYPE_CONNECT:
                printf("CONNECT %u\n", event.data);
                fflush(stdout);
                break;
            case ENET_EVENT_TYPE_RECEIVE: {
                received++;
                unsigned idx = 0;
                int last = disconnect_last && script_check(event.packet, &idx) && idx == LAST_INDEX;
                ENetPacket *echo = enet_packet_create(event.packet->data, event.packet->dataLength,
                    event.packet->flags & (ENET_PACKET_FLAG_RELIABLE | ENET_PACKET_FLAG_UNSEQUENCED | ENET_PACKET_FLAG_UNRELIABLE_FRAGMENT));
                enet_peer_send(event.peer, event.channelID, echo);
                enet_packet_destroy(event.packet);
                if (last)
                    enet_peer_disconnect_later(event.peer, 99);
                break;
            }
            case ENET_EVENT_TYPE_DISCONNECT:
                printf("DISCONNECT %u RECEIVED %u\n", event.data, received);
                fflush(stdout);
                enet_host_flush(host);
                enet_host_destroy(host);
                return 0;
            default:
                break;
            }
        }
    }
    fprintf(stderr, "server: no disconnect before the deadline (received %u)\n", received);
    return 3;
}

static int run_client(const char *hostname, int port, int full) {
    ENetHost *client = enet_host_create(NULL, 1, 2, 0, 0);
    if (client == NULL) { fprintf(stderr, "cannot create client host\n"); return 2; }
    ENetAddress address;
    enet_address_set_host(&address, hostname);
    address.port = (enet_uint16) port;
    ENetPeer *peer = enet_host_connect(client, &address, 2, CONNECT_DATA);

    ENetEvent event;
    int connected = 0;
    enet_uint32 deadline = enet_time_get() + 15000;
    while (!connected && ENET_TIME_LESS(enet_time_get(), deadline)) {
        if (enet_host_service(client, &event, 5) > 0 && event.type == ENET_EVENT_TYPE_CONNECT)
            connected = 1;
    }
    if (!connected) { fprintf(stderr, "client: no connect\n"); return 4; }
    printf("CONNECTED peer=%u\n", peer->outgoingPeerID);
    fflush(stdout);

    unsigned expected_total = 0;
    for (unsigned idx = 0; idx <= LAST_INDEX; idx++) {
        if (!full && (idx == 1 || idx == 2)) continue;
        send_script_message(peer, idx);
        expected_total++;
    }

    unsigned next_reliable = 0, received = 0, bad = 0;
    int seen_unreliable = 0, seen_unsequenced = 0;
    deadline = enet_time_get() + 60000;
    while (ENET_TIME_LESS(enet_time_get(), deadline)) {
        if (enet_host_service(client, &event, 5) <= 0) continue;
        if (event.type == ENET_EVENT_TYPE_RECEIVE) {
            unsigned idx = 0;
            if (!script_check(event.packet, &idx)) {
                fprintf(stderr, "client: bad echo (length %zu)\n", event.packet->dataLength);
                bad++;
            } else if (idx == 1) {
                seen_unreliable = 1;
            } else if (idx == 2) {
                seen_unsequenced = 1;
            } else {
                if (!(event.packet->flags & ENET_PACKET_FLAG_RELIABLE)) {
                    fprintf(stderr, "client: echo %u not reliable\n", idx);
                    bad++;
                }
                if (idx != next_reliable) {
                    fprintf(stderr, "client: echo %u out of order, expected %u\n", idx, next_reliable);
                    bad++;
                }
                next_reliable = idx == 0 ? 3 : idx + 1;
            }
            received++;
            enet_packet_destroy(event.packet);
        } else if (event.type == ENET_EVENT_TYPE_DISCONNECT) {
            printf("DISCONNECTED %u RECEIVED %u\n", event.data, received);
            fflush(stdout);
            int complete = next_reliable == LAST_INDEX + 1 && (!full || (seen_unreliable && seen_unsequenced));
            if (event.data != 99 || !complete || bad != 0 || received != expected_total) {
                fprintf(stderr, "client: incomplete: data=%u next=%u received=%u/%u bad=%u unrel=%d unseq=%d\n",
                    event.data, next_reliable, received, expected_total, bad, seen_unreliable, seen_unsequenced);
                return 5;
            }
            enet_host_destroy(client);
            printf("OK\n");
            return 0;
        }
    }
    fprintf(stderr, "client: no disconnect before the deadline (received %u/%u, next %u)\n",
        received, expected_total, next_reliable);
    return 6;
}

int main(int argc, char **argv) {
    if (enet_initialize() != 0) { fprintf(stderr, "enet_initialize failed\n"); return 2; }
    atexit(enet_deinitialize);
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc >= 2 && strcmp(argv[1], "server") == 0)
        return run_server(argc >= 3 && strcmp(argv[2], "disconnect-last") == 0);
    if (argc >= 5 && strcmp(argv[1], "client") == 0) return run_client(argv[2], atoi(argv[3]), strcmp(argv[4], "full") == 0);
    fprintf(stderr, "usage: enet_interop server [disconnect-last] | client <host> <port> <full|reliable>\n");
    return 1;
}
