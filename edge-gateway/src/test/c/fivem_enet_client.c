/*
 * A FiveM client's realtime join on the stock libenet (what NetLibraryImplV2 does), for the gateway tests:
 *
 *   fivem_enet_client <host> <port> <token> <guid> [getinfo] [hold=<ms>] [quit]
 *
 * enet_host_create(NULL, 1 peer, 2 channels), enet_host_connect(.., 2, HashString(token)), then on CONNECT the
 * reliable channel-0 handshake u32le 1 + "token=<t>&guid=<g>". Prints "CONNECTOK <text>" for connectOK,
 * "OBJECTIDS <count> <first> <last>" for msgObjectIds (it leaves after the first msgFrame), "MSG <type hex> <channel>" for anything else.
 * Out-of-band datagrams (FF FF FF FF + text, which libenet would drop) are caught with the host's intercept hook and
 * printed as "OOB <text>" (newlines as \n); an OOB "error" before connectOK ends the run (exit 1).
 *
 *   getinfo   first the real client's OOB "getinfo xyz" on the ENet socket (resent every 700 ms, up to 10 s) and
 *             prints "INFO <infoResponse body>" before connecting
 *   hold=<ms> stays connected that long after the first msgFrame (printing "HOLDING <ms>" when it starts)
 *   quit      leaves like the game does: reliable msgIQuit "Disconnected." on channel 0, then waits (5 s) for the
 *             server's OOB "error <reason>" goodbye and resets the peer: "QUIT acknowledged" or "QUIT unconfirmed"
 *
 * Without quit it disconnects gracefully and prints "DISCONNECTED". Exit 0 on success, 1 on timeout/failure.
 */
#include <enet/enet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <enet/time.h>

#define MSG_OBJECT_IDS 0x48E39581u
#define MSG_FRAME 0x53FFFA3Fu

static ENetAddress server_address;
static int have_info = 0, have_oob_error = 0;

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

/* HashRageString (message types): the same one-at-a-time Jenkins, case kept. */
static enet_uint32 hash_rage(const char *s) {
    enet_uint32 hash = 0;
    for (; *s; s++) {
        hash += (signed char) *s;
        hash += hash << 10;
        hash ^= hash >> 6;
    }
    hash += hash << 3;
    hash ^= hash >> 11;
    hash += hash << 15;
    return hash;
}

/* Prints text with newlines escaped, so one datagram is one line. */
static void print_escaped(const char *prefix, const enet_uint8 *text, size_t length) {
    fputs(prefix, stdout);
    for (size_t i = 0; i < length; i++) {
        if (text[i] == '\n') fputs("\\n", stdout);
        else if (text[i] == 0) fputs("\\0", stdout);
        else putchar(text[i]);
    }
    putchar('\n');
    fflush(stdout);
}

/* Out-of-band datagrams from the server (the real client only accepts them from its server). */
static int ENET_CALLBACK intercept(ENetHost *host, ENetEvent *event) {
    (void) event;
    const enet_uint8 *d = host->receivedData;
    size_t n = host->receivedDataLength;
    if (n < 4 || d[0] != 0xFF || d[1] != 0xFF || d[2] != 0xFF || d[3] != 0xFF) {
        return 0;
    }
    if (host->receivedAddress.host != server_address.host || host->receivedAddress.port != server_address.port) {
        return 1;
    }
    static const char header[] = "infoResponse\n";
    if (n >= 4 + sizeof header - 1 && memcmp(d + 4, header, sizeof header - 1) == 0) {
        if (!have_info) print_escaped("INFO ", d + 4 + sizeof header - 1, n - 4 - (sizeof header - 1));
        have_info = 1;
        return 1;
    }
    print_escaped("OOB ", d + 4, n - 4);
    if (n >= 9 && memcmp(d + 4, "error", 5) == 0) have_oob_error = 1;
    return 1;
}

static void send_oob(ENetHost *host, const char *text) {
    enet_uint8 buf[256];
    size_t n = strlen(text);
    memset(buf, 0xFF, 4);
    memcpy(buf + 4, text, n);
    ENetBuffer b = { .data = buf, .dataLength = 4 + n };
    enet_socket_send(host->socket, &server_address, &b, 1);
}

static enet_uint32 le32(const enet_uint8 *p) {
    return (enet_uint32) p[0] | ((enet_uint32) p[1] << 8) | ((enet_uint32) p[2] << 16) | ((enet_uint32) p[3] << 24);
}

static enet_uint16 le16(const enet_uint8 *p) {
    return (enet_uint16) (p[0] | (p[1] << 8));
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: %s host port token guid [getinfo] [hold=<ms>] [quit]\n", argv[0]);
        return 2;
    }
    int want_info = 0, want_quit = 0;
    enet_uint32 hold = 0;
    for (int i = 5; i < argc; i++) {
        if (strcmp(argv[i], "getinfo") == 0) want_info = 1;
        else if (strcmp(argv[i], "quit") == 0) want_quit = 1;
        else if (strncmp(argv[i], "hold=", 5) == 0) hold = (enet_uint32) atoi(argv[i] + 5);
        else { fprintf(stderr, "unknown option %s\n", argv[i]); return 2; }
    }
    if (enet_initialize() != 0) { fprintf(stderr, "enet_initialize failed\n"); return 1; }
    ENetHost *client = enet_host_create(NULL, 1, 2, 0, 0);
    if (client == NULL) { fprintf(stderr, "cannot create host\n"); return 1; }
    client->intercept = intercept;
    enet_address_set_host(&server_address, argv[1]);
    server_address.port = (enet_uint16) atoi(argv[2]);

    if (want_info) {
        enet_uint32 info_deadline = enet_time_get() + 10000, resend = enet_time_get();
        while (!have_info && ENET_TIME_LESS(enet_time_get(), info_deadline)) {
            if (ENET_TIME_GREATER_EQUAL(enet_time_get(), resend)) {
                send_oob(client, "getinfo xyz");
                resend = enet_time_get() + 700;
            }
            ENetEvent ignored;
            enet_host_service(client, &ignored, 50);
        }
        if (!have_info) {
            printf("NO INFO\n");
            fflush(stdout);
            enet_host_destroy(client);
            enet_deinitialize();
            return 1;
        }
    }

    ENetPeer *peer = enet_host_connect(client, &server_address, 2, hash_string(argv[3]));
    enet_peer_timeout(peer, 10000000, 10000000, 30000);

    int have_ok = 0, have_ids = 0, have_frame = 0, disconnecting = 0, done = 0, holding = 0, quitting = 0;
    enet_uint32 deadline = enet_time_get() + 30000 + hold, disconnect_deadline = 0, hold_until = 0, quit_deadline = 0;
    while (!done && ENET_TIME_LESS(enet_time_get(), deadline)) {
        ENetEvent event;
        if (have_oob_error && !have_ok) {
            break; /* refused (OOB error already printed) */
        }
        if (quitting && (have_oob_error || ENET_TIME_GREATER_EQUAL(enet_time_get(), quit_deadline))) {
            /* the server resets the peer after its OOB goodbye (no ENet DISCONNECT): so does the client */
            if (!have_oob_error) {
                /* for a post-mortem: is msgIQuit still unacknowledged in ENet's queues? */
                printf("PEER state=%d rtt=%u throttle=%u inTransit=%u sentReliable=%d outgoing=%d\n", peer->state,
                       peer->roundTripTime, peer->packetThrottle, peer->reliableDataInTransit,
                       !enet_list_empty(&peer->sentReliableCommands), !enet_list_empty(&peer->outgoingCommands));
            }
            enet_peer_reset(peer);
            printf(have_oob_error ? "QUIT acknowledged\n" : "QUIT unconfirmed\n");
            fflush(stdout);
            done = 1;
            break;
        }
        if (holding && ENET_TIME_GREATER_EQUAL(enet_time_get(), hold_until)) {
            holding = 0;
            if (want_quit) {
                static const char reason[] = "Disconnected.";
                enet_uint8 buf[4 + sizeof reason];
                enet_uint32 t = hash_rage("msgIQuit");
                buf[0] = (enet_uint8) t; buf[1] = (enet_uint8) (t >> 8);
                buf[2] = (enet_uint8) (t >> 16); buf[3] = (enet_uint8) (t >> 24);
                memcpy(buf + 4, reason, sizeof reason); /* with its NUL */
                int sent = enet_peer_send(peer, 0, enet_packet_create(buf, sizeof buf, ENET_PACKET_FLAG_RELIABLE));
                printf(sent == 0 ? "IQUIT %08x\n" : "IQUIT %08x NOT SENT\n", t);
                fflush(stdout);
                quitting = 1;
                quit_deadline = enet_time_get() + 5000;
            } else {
                disconnecting = 1;
                disconnect_deadline = enet_time_get() + 3000;
                enet_peer_disconnect(peer, 0);
            }
        }
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
            if (have_ok && have_ids && have_frame && !disconnecting && !holding && !quitting && hold_until == 0) {
                holding = 1;
                hold_until = enet_time_get() + hold;
                if (hold_until == 0) hold_until = 1;
                if (hold > 0) {
                    printf("HOLDING %u\n", hold);
                    fflush(stdout);
                }
            }
            break;
        }
        case ENET_EVENT_TYPE_DISCONNECT:
            printf(disconnecting || quitting ? "DISCONNECTED\n" : "DROPPED\n");
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
