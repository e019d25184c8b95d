package io.gatehouse.auth.hytale;

/** Connect.clientType, and the identity-token scope each kind needs (§6.3). */
public enum ClientKind {
    GAME(HytaleTokenVerifier.SCOPE_CLIENT),
    EDITOR(HytaleTokenVerifier.SCOPE_EDITOR);

    private final String requiredScope;

    ClientKind(String requiredScope) {
        this.requiredScope = requiredScope;
    }

    public String requiredScope() {
        return requiredScope;
    }

    /** Connect.clientType byte: 0 Game, 1 Editor. */
    public static ClientKind fromWire(int clientType) {
        switch (clientType) {
            case 0:
                return GAME;
            case 1:
                return EDITOR;
            default:
                throw new IllegalArgumentException("unknown client type " + clientType);
        }
    }
}
