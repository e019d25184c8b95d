package io.gatehouse.registry.grpc;

import io.gatehouse.registry.core.BindResult;
import io.gatehouse.registry.core.ConnectGateVerdict;
import io.gatehouse.registry.core.DeferralState;
import io.gatehouse.registry.core.Game;
import io.gatehouse.registry.core.Holder;
import io.gatehouse.registry.core.PlayerCounts;
import io.gatehouse.registry.core.Session;
import io.gatehouse.registry.core.SessionKey;

import java.util.Optional;

/** Conversions between the port's values and the {@code gatehouse.session.v1} messages, both directions. */
final class ProtoMapping {

    private ProtoMapping() {
    }

    static io.gatehouse.contracts.session.v1.Game toProto(Game game) {
        return switch (game) {
            case FIVEM -> io.gatehouse.contracts.session.v1.Game.GAME_FIVEM;
            case HYTALE -> io.gatehouse.contracts.session.v1.Game.GAME_HYTALE;
        };
    }

    static Game fromProto(io.gatehouse.contracts.session.v1.Game game) {
        return switch (game) {
            case GAME_FIVEM -> Game.FIVEM;
            case GAME_HYTALE -> Game.HYTALE;
            default -> throw new IllegalArgumentException("game must be set");
        };
    }

    static io.gatehouse.contracts.session.v1.DeferralState toProto(DeferralState state) {
        return switch (state) {
            case NONE -> io.gatehouse.contracts.session.v1.DeferralState.DEFERRAL_STATE_NONE;
            case DEFERRING -> io.gatehouse.contracts.session.v1.DeferralState.DEFERRAL_STATE_DEFERRING;
            case DONE -> io.gatehouse.contracts.session.v1.DeferralState.DEFERRAL_STATE_DONE;
            case REJECTED -> io.gatehouse.contracts.session.v1.DeferralState.DEFERRAL_STATE_REJECTED;
        };
    }

    static DeferralState fromProto(io.gatehouse.contracts.session.v1.DeferralState state) {
        return switch (state) {
            case DEFERRAL_STATE_NONE -> DeferralState.NONE;
            case DEFERRAL_STATE_DEFERRING -> DeferralState.DEFERRING;
            case DEFERRAL_STATE_DONE -> DeferralState.DONE;
            case DEFERRAL_STATE_REJECTED -> DeferralState.REJECTED;
            default -> throw new IllegalArgumentException("deferral state must be set");
        };
    }

    static io.gatehouse.contracts.session.v1.ConnectGateVerdict toProto(ConnectGateVerdict verdict) {
        return switch (verdict) {
            case ACCEPTED -> io.gatehouse.contracts.session.v1.ConnectGateVerdict.CONNECT_GATE_VERDICT_ACCEPTED;
            case UNKNOWN_TOKEN ->
                    io.gatehouse.contracts.session.v1.ConnectGateVerdict.CONNECT_GATE_VERDICT_UNKNOWN_TOKEN;
            case WRONG_SOURCE -> io.gatehouse.contracts.session.v1.ConnectGateVerdict.CONNECT_GATE_VERDICT_WRONG_SOURCE;
            case EXHAUSTED -> io.gatehouse.contracts.session.v1.ConnectGateVerdict.CONNECT_GATE_VERDICT_EXHAUSTED;
        };
    }

    static ConnectGateVerdict fromProto(io.gatehouse.contracts.session.v1.ConnectGateVerdict verdict) {
        return switch (verdict) {
            case CONNECT_GATE_VERDICT_ACCEPTED -> ConnectGateVerdict.ACCEPTED;
            case CONNECT_GATE_VERDICT_UNKNOWN_TOKEN -> ConnectGateVerdict.UNKNOWN_TOKEN;
            case CONNECT_GATE_VERDICT_WRONG_SOURCE -> ConnectGateVerdict.WRONG_SOURCE;
            case CONNECT_GATE_VERDICT_EXHAUSTED -> ConnectGateVerdict.EXHAUSTED;
            // an unknown verdict from a newer server must not let a CONNECT through
            default -> ConnectGateVerdict.UNKNOWN_TOKEN;
        };
    }

    static io.gatehouse.contracts.session.v1.SessionKey toProto(SessionKey key) {
        return io.gatehouse.contracts.session.v1.SessionKey.newBuilder()
                .setGame(toProto(key.game())).setId(key.id()).build();
    }

    static SessionKey fromProto(io.gatehouse.contracts.session.v1.SessionKey key) {
        return new SessionKey(fromProto(key.getGame()), key.getId());
    }

    static io.gatehouse.contracts.session.v1.Holder toProto(Holder holder) {
        return io.gatehouse.contracts.session.v1.Holder.newBuilder()
                .setGatewayId(holder.gatewayId()).setPeerId(holder.peerId()).setPeerEndpoint(holder.peerEndpoint())
                .build();
    }

    static Holder fromProto(io.gatehouse.contracts.session.v1.Holder holder) {
        return new Holder(holder.getGatewayId(), holder.getPeerId(), holder.getPeerEndpoint());
    }

    static io.gatehouse.contracts.session.v1.Session toProto(Session session) {
        var builder = io.gatehouse.contracts.session.v1.Session.newBuilder()
                .setKey(toProto(session.key()))
                .setTokenHash(session.tokenHash())
                .setTempNetId(session.tempNetId())
                .setNetId(session.netId())
                .setSlotId(session.slotId())
                .setPassedValidation(session.passedValidation())
                .setDeferral(toProto(session.deferral()))
                .setTcpSourceAddress(session.tcpSourceAddress())
                .setName(session.name())
                .addAllIdentifiers(session.identifiers())
                .setCreatedAtMs(session.createdAtMillis())
                .setLastSeenMs(session.lastSeenMillis());
        if (session.holder() != null) {
            builder.setHolder(toProto(session.holder()));
        }
        return builder.build();
    }

    static Session fromProto(io.gatehouse.contracts.session.v1.Session session) {
        return new Session(
                fromProto(session.getKey()),
                session.getTokenHash(),
                session.getTempNetId(),
                session.getNetId(),
                session.getSlotId(),
                session.getPassedValidation(),
                fromProto(session.getDeferral()),
                session.getTcpSourceAddress(),
                session.getName(),
                session.getIdentifiersList(),
                session.hasHolder() ? fromProto(session.getHolder()) : null,
                session.getCreatedAtMs(),
                session.getLastSeenMs());
    }

    static io.gatehouse.contracts.session.v1.SessionResponse toResponse(Optional<Session> session) {
        var builder = io.gatehouse.contracts.session.v1.SessionResponse.newBuilder();
        session.map(ProtoMapping::toProto).ifPresent(builder::setSession);
        return builder.build();
    }

    static Optional<Session> fromResponse(io.gatehouse.contracts.session.v1.SessionResponse response) {
        return response.hasSession() ? Optional.of(fromProto(response.getSession())) : Optional.empty();
    }

    static io.gatehouse.contracts.session.v1.BindResponse toProto(BindResult result) {
        var builder = io.gatehouse.contracts.session.v1.BindResponse.newBuilder()
                .setSession(toProto(result.session()))
                .setWasNew(result.wasNew());
        result.previousHolder().map(ProtoMapping::toProto).ifPresent(builder::setPreviousHolder);
        return builder.build();
    }

    static BindResult fromProto(io.gatehouse.contracts.session.v1.BindResponse response) {
        return new BindResult(fromProto(response.getSession()), response.getWasNew(),
                response.hasPreviousHolder() ? Optional.of(fromProto(response.getPreviousHolder())) : Optional.empty());
    }

    static io.gatehouse.contracts.session.v1.CountsResponse toProto(PlayerCounts counts) {
        return io.gatehouse.contracts.session.v1.CountsResponse.newBuilder()
                .setPending(counts.pending()).setConnected(counts.connected())
                .setNetIdsInUse(counts.netIdsInUse()).setSlotsInUse(counts.slotsInUse()).build();
    }

    static PlayerCounts fromProto(io.gatehouse.contracts.session.v1.CountsResponse counts) {
        return new PlayerCounts(counts.getPending(), counts.getConnected(), counts.getNetIdsInUse(),
                counts.getSlotsInUse());
    }
}
