package io.gatehouse.auth.config;

import io.gatehouse.auth.hytale.ServerIdentity;

/**
 * A session service this process provides itself (the all-in-one's local one): used when the operator set neither
 * {@code gatehouse.hytale.session-service.url} nor any server credentials.
 */
public interface HytaleSessionServiceDefaults {

    /** Base URL, e.g. {@code http://127.0.0.1:5580}. */
    String baseUrl();

    /** Credentials of a server account on that service (typically an OAuth access token and owner uuid). */
    ServerIdentity.Config serverCredentials();
}
