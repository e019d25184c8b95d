package io.gatehouse.gateway.fivem.http;

/**
 * A {@code GET /files/<resource>/.../<file>}: like FXServer, the resource is the first path segment and the file the
 * last, both URL-decoded, the query stripped.
 *
 * @param resource the resource name
 * @param file     the file name (e.g. {@code resource.rpf})
 * @param request  the request (client address, {@code X-CitizenFX-Token})
 */
public record FileRequest(String resource, String file, FivemRequest request) {
}
