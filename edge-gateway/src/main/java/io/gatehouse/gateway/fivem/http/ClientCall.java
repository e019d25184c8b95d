package io.gatehouse.gateway.fivem.http;

import java.util.Map;

/**
 * A {@code POST /client} call: the form-decoded body ({@code application/x-www-form-urlencoded}, {@code +} is a
 * space) and the request it came with. The transport has already enforced POST-only, the body size limit and the
 * presence of {@code method}.
 *
 * @param method  the {@code method} field ({@code initConnect}, {@code getEndpoints}, ...)
 * @param form    every decoded field, {@code method} included; for a repeated key the first value wins
 * @param request the request (client address, headers such as {@code X-CitizenFX-Token})
 */
public record ClientCall(String method, Map<String, String> form, FivemRequest request) {

    public ClientCall {
        form = Map.copyOf(form);
    }

    /** Leaves field values out: {@code cfxTicket2}, {@code token} and {@code authTicket} are secrets. */
    @Override
    public String toString() {
        return "ClientCall[" + method + " fields=" + form.keySet() + " " + request + "]";
    }
}
