/*
 * The reference peer: a stock libenet 1.3 server that echoes every message back reliably on its channel.
 * Usage: enet_echo_server PORT [HOSTS]   (HOSTS consecutive ports, 4095 peers each, for >4095 idle peers)
 * Runs until SIGTERM/SIGINT. Built at run time by the benchmark: gcc -O2 -o enet_echo_server enet_echo_server.c -lenet
 */
#include <enet/enet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static volatile sig_atomic_t running = 1;
static void stop(int sig) { (void) sig; running = 0; }

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s PORT [HOSTS]\n", argv[0]); return 2; }
    int port = atoi(argv[1]);
    int count = argc > 2 ? atoi(argv[2]) : 1;
    if (count < 1 || count > 8) count = 1;
    if (enet_initialize() != 0) { fprintf(stderr, "enet_initialize failed\n"); return 1; }
    signal(SIGTERM, stop);
    signal(SIGINT, stop);
    ENetHost *hosts[8];
    for (int i = 0; i < count; i++) {
        ENetAddress address;
        enet_address_set_host_ip(&address, "127.0.0.1");
        address.port = (enet_uint16) (port + i);
        hosts[i] = enet_host_create(&address, ENET_PROTOCOL_MAXIMUM_PEER_ID, 2, 0, 0);
        if (hosts[i] == NULL) { fprintf(stderr, "cannot bind 127.0.0.1:%d\n", port + i); return 1; }
        hosts[i]->duplicatePeers = ENET_PROTOCOL_MAXIMUM_PEER_ID;
    }
    printf("listening on 127.0.0.1:%d (%d host(s))\n", port, count);
    fflush(stdout);
    while (running) {
        for (int i = 0; i < count; i++) {
            ENetEvent event;
            /* one host: block up to 1 ms in the socket wait, as a game server loop does; several: poll */
            int r = enet_host_service(hosts[i], &event, count == 1 ? 1 : 0);
            while (r > 0) {
                if (event.type == ENET_EVENT_TYPE_RECEIVE) {
                    /* the same packet goes back: no copy, as the Java server retains its buffer */
                    if (enet_peer_send(event.peer, event.channelID, event.packet) != 0) {
                        enet_packet_destroy(event.packet);
                    }
                }
                r = enet_host_check_events(hosts[i], &event);
            }
            enet_host_flush(hosts[i]);
        }
        if (count > 1) {
            ENetSocketSet set;
            ENET_SOCKETSET_EMPTY(set);
            ENetSocket max = 0;
            for (int i = 0; i < count; i++) { ENET_SOCKETSET_ADD(set, hosts[i]->socket); if (hosts[i]->socket > max) max = hosts[i]->socket; }
            enet_socketset_select(max, &set, NULL, 1);
        }
    }
    for (int i = 0; i < count; i++) enet_host_destroy(hosts[i]);
    enet_deinitialize();
    return 0;
}
