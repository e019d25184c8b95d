/*
 * The ENet load client (stock libenet 1.3): drives one server (libenet or Java, the same client for both) and
 * reports what it measured, with the server's CPU time read from /proc/<pid>/stat around each phase.
 *
 * Usage: enet_load MODE HOST PORT SERVER_HOSTS PEERS COUNT SERVER_PID [HOLD_SECONDS]
 *   connect: COUNT rounds of {connect PEERS peers (<= 256 in flight), disconnect them}; one JSON line per round
 *   echo:    connect PEERS peers, then COUNT reliable 100-byte request/response exchanges spread over them
 *   idle:    connect PEERS peers over SERVER_HOSTS consecutive ports, print "ready", keep them alive
 *            (pings answered) for HOLD_SECONDS, then disconnect
 * Every phase is bounded: a phase that has not finished after 120 s fails with exit code 1.
 * Built at run time by the benchmark: gcc -O2 -o enet_load enet_load.c -lenet
 */
#include <enet/enet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>

#define MAX_CLIENT_HOSTS 8
#define PEERS_PER_CLIENT_HOST 4000
#define CONNECT_WINDOW 64
#define MESSAGE_SIZE 100
#define PHASE_LIMIT_SECONDS 120.0

static ENetHost *hosts[MAX_CLIENT_HOSTS];
static int hostCount;
static long ticksPerSecond;
static int serverPid;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* server user+system CPU seconds */
static double serverCpu(void) {
    char path[64], buf[4096];
    snprintf(path, sizeof path, "/proc/%d/stat", serverPid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *p = strrchr(buf, ')');
    if (!p) return -1;
    unsigned long utime = 0, stime = 0;
    /* after ") ": state(3) ... utime is field 14, stime 15 */
    int field = 2;
    for (char *tok = strtok(p + 1, " "); tok; tok = strtok(NULL, " ")) {
        field++;
        if (field == 14) utime = strtoul(tok, NULL, 10);
        if (field == 15) { stime = strtoul(tok, NULL, 10); break; }
    }
    return (double) (utime + stime) / ticksPerSecond;
}

static double selfCpu(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static int connected, disconnected, received;
static ENetPeer **peers;
static int peerTotal;

static void onEvent(ENetEvent *e, int echo) {
    switch (e->type) {
    case ENET_EVENT_TYPE_CONNECT: connected++; break;
    case ENET_EVENT_TYPE_DISCONNECT: disconnected++; break;
    case ENET_EVENT_TYPE_RECEIVE:
        received++;
        if (echo > 0) {
            /* the next request on the same peer: closed loop, one outstanding message per peer */
            enet_peer_send(e->peer, 0, e->packet);
        } else {
            enet_packet_destroy(e->packet);
        }
        break;
    default: break;
    }
}

/* one pass over every client host; waits up to 1 ms when nothing happened */
static void pump(int echo) {
    int any = 0;
    for (int i = 0; i < hostCount; i++) {
        ENetEvent e;
        int r = enet_host_service(hosts[i], &e, 0);
        while (r > 0) {
            any = 1;
            onEvent(&e, echo);
            r = enet_host_check_events(hosts[i], &e);
        }
        enet_host_flush(hosts[i]);
    }
    if (!any) {
        ENetSocketSet set;
        ENET_SOCKETSET_EMPTY(set);
        ENetSocket max = 0;
        for (int i = 0; i < hostCount; i++) { ENET_SOCKETSET_ADD(set, hosts[i]->socket); if (hosts[i]->socket > max) max = hosts[i]->socket; }
        enet_socketset_select(max, &set, NULL, 1);
    }
}

static int connectAll(const char *host, int port, int serverHosts, int count) {
    int started = 0;
    int base = connected;
    double deadline = now() + PHASE_LIMIT_SECONDS;
    while (connected - base < count) {
        while (started < count && started - (connected - base) < CONNECT_WINDOW) {
            ENetAddress address;
            enet_address_set_host_ip(&address, host);
            address.port = (enet_uint16) (port + started % serverHosts);
            ENetHost *h = hosts[started / PEERS_PER_CLIENT_HOST];
            peers[started] = enet_host_connect(h, &address, 2, 0);
            if (peers[started] == NULL) { fprintf(stderr, "no free client peer\n"); return -1; }
            started++;
        }
        pump(0);
        if (now() > deadline) { fprintf(stderr, "connect phase timed out: %d/%d\n", connected - base, count); return -1; }
    }
    return 0;
}

static int disconnectAll(int count) {
    int base = disconnected;
    int started = 0;
    double deadline = now() + 15.0;
    while (disconnected - base < count) {
        while (started < count && started - (disconnected - base) < CONNECT_WINDOW) {
            enet_peer_disconnect(peers[started++], 0);
        }
        pump(0);
        if (now() > deadline) {
            /* a lost DISCONNECT is retransmitted on ENet's timers; do not wait 30 s for the stragglers */
            int stragglers = 0;
            for (int i = 0; i < count; i++) {
                if (peers[i]->state != ENET_PEER_STATE_DISCONNECTED) { enet_peer_reset(peers[i]); stragglers++; }
            }
            fprintf(stderr, "%d disconnect(s) reset after 15 s\n", stragglers);
            disconnected = base + count;
        }
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 8) {
        fprintf(stderr, "usage: %s connect|echo|idle HOST PORT SERVER_HOSTS PEERS COUNT SERVER_PID [HOLD_SECONDS]\n", argv[0]);
        return 2;
    }
    const char *mode = argv[1];
    const char *host = argv[2];
    int port = atoi(argv[3]);
    int serverHosts = atoi(argv[4]);
    peerTotal = atoi(argv[5]);
    long count = atol(argv[6]);
    serverPid = atoi(argv[7]);
    int hold = argc > 8 ? atoi(argv[8]) : 10;
    ticksPerSecond = sysconf(_SC_CLK_TCK);
    if (enet_initialize() != 0) return 1;
    hostCount = (peerTotal + PEERS_PER_CLIENT_HOST - 1) / PEERS_PER_CLIENT_HOST;
    if (hostCount < 1 || hostCount > MAX_CLIENT_HOSTS) { fprintf(stderr, "PEERS out of range\n"); return 2; }
    for (int i = 0; i < hostCount; i++) {
        hosts[i] = enet_host_create(NULL, PEERS_PER_CLIENT_HOST, 2, 0, 0);
        if (!hosts[i]) { fprintf(stderr, "enet_host_create failed\n"); return 1; }
        /* the client must not be the one dropping datagrams: bursts of replies overflow libenet's 256 KiB */
        enet_socket_set_option(hosts[i]->socket, ENET_SOCKOPT_RCVBUF, 4 << 20);
        enet_socket_set_option(hosts[i]->socket, ENET_SOCKOPT_SNDBUF, 4 << 20);
    }
    peers = calloc(peerTotal, sizeof *peers);

    if (strcmp(mode, "connect") == 0) {
        double connectSeconds = 0, connectCpu = 0, disconnectCpu = 0, clientCpu = 0;
        for (long round = 0; round < count; round++) {
            double c0 = serverCpu(), s0 = selfCpu(), t0 = now();
            if (connectAll(host, port, serverHosts, peerTotal) != 0) return 1;
            double t1 = now(), c1 = serverCpu(), s1 = selfCpu();
            if (disconnectAll(peerTotal) != 0) return 1;
            double c2 = serverCpu();
            connectSeconds += t1 - t0;
            connectCpu += c1 - c0;
            disconnectCpu += c2 - c1;
            clientCpu += s1 - s0;
            fprintf(stderr, "round %ld: %d connects in %.3f s (server %.0f ms CPU), disconnects in %.3f s\n",
                    round, peerTotal, t1 - t0, (c1 - c0) * 1e3, now() - t1);
            /* let both sides settle (acks, zombie peers) between rounds */
            double settle = now() + 0.2;
            while (now() < settle) pump(0);
        }
        long total = (long) peerTotal * count;
        printf("{\"mode\":\"connect\",\"rounds\":%ld,\"peers\":%d,\"connects\":%ld,\"seconds\":%.4f,"
               "\"perSecond\":%.1f,\"serverCpuSeconds\":%.3f,\"serverCpuMicrosPerOp\":%.2f,"
               "\"clientCpuMicrosPerOp\":%.2f,\"serverCpuMicrosPerDisconnect\":%.2f}\n",
               count, peerTotal, total, connectSeconds, total / connectSeconds, connectCpu, connectCpu * 1e6 / total,
               clientCpu * 1e6 / total, disconnectCpu * 1e6 / total);
        fflush(stdout);
    } else if (strcmp(mode, "echo") == 0) {
        if (connectAll(host, port, serverHosts, peerTotal) != 0) return 1;
        static enet_uint8 body[MESSAGE_SIZE];
        memset(body, 'x', sizeof body);
        double c0 = serverCpu(), s0 = selfCpu(), t0 = now();
        received = 0;
        for (int i = 0; i < peerTotal; i++) {
            enet_peer_send(peers[i], 0, enet_packet_create(body, sizeof body, ENET_PACKET_FLAG_RELIABLE));
        }
        double deadline = now() + PHASE_LIMIT_SECONDS;
        /* each echo is sent straight back until COUNT echoes arrived; the last in-flight ones are dropped */
        while (received < count) {
            pump(received + peerTotal <= count ? 1 : 0);
            if (now() > deadline) { fprintf(stderr, "echo phase timed out: %d/%ld\n", received, count); return 1; }
        }
        double t1 = now(), c1 = serverCpu(), s1 = selfCpu();
        printf("{\"mode\":\"echo\",\"peers\":%d,\"messages\":%d,\"messageBytes\":%d,\"seconds\":%.4f,\"perSecond\":%.1f,"
               "\"serverCpuSeconds\":%.3f,\"serverCpuMicrosPerOp\":%.2f,\"clientCpuMicrosPerOp\":%.2f}\n",
               peerTotal, received, MESSAGE_SIZE, t1 - t0, received / (t1 - t0), c1 - c0,
               (c1 - c0) * 1e6 / received, (s1 - s0) * 1e6 / received);
        fflush(stdout);
        double settle = now() + 0.5;
        while (now() < settle) pump(0);
        if (disconnectAll(peerTotal) != 0) return 1;
    } else if (strcmp(mode, "idle") == 0) {
        double t0 = now();
        if (connectAll(host, port, serverHosts, peerTotal) != 0) return 1;
        printf("{\"mode\":\"idle\",\"peers\":%d,\"connectSeconds\":%.3f,\"ready\":true}\n", peerTotal, now() - t0);
        fflush(stdout);
        double until = now() + hold;
        int before = disconnected;
        while (now() < until) pump(0);
        printf("{\"mode\":\"idle\",\"peers\":%d,\"lostWhileIdle\":%d}\n", peerTotal, disconnected - before);
        fflush(stdout);
        if (disconnectAll(peerTotal) != 0) return 1;
    } else {
        fprintf(stderr, "unknown mode %s\n", mode);
        return 2;
    }
    for (int i = 0; i < hostCount; i++) enet_host_destroy(hosts[i]);
    enet_deinitialize();
    return 0;
}
