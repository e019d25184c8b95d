package io.gatehouse.auth.fivem;

/**
 * A Cfx ticket issuer this process provides itself (the all-in-one's local one in dev-services): used when the operator
 * set neither {@code gatehouse.fivem.ticket.public-key} nor {@code gatehouse.fivem.ticket.public-key-url}, so the
 * default run verifies real tickets.
 */
public interface CfxTicketDefaults {

    /** The issuer's pubkey endpoint, e.g. {@code http://127.0.0.1:5581/api/ticket/pubkey}. */
    String publicKeyUrl();
}
