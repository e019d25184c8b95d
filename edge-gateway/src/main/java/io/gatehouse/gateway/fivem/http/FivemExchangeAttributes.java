package io.gatehouse.gateway.fivem.http;

import java.net.InetAddress;
import org.springframework.web.server.ServerWebExchange;

/** Exchange attributes the FiveM routes set for the handlers behind them. */
public final class FivemExchangeAttributes {

    /** The player's {@link InetAddress}: the TCP peer, or {@code X-Real-IP} from a trusted proxy. */
    public static final String CLIENT_ADDRESS = FivemExchangeAttributes.class.getName() + ".clientAddress";

    /** The path the player asked for, before the forward to the internal handler path. */
    public static final String ORIGINAL_PATH = FivemExchangeAttributes.class.getName() + ".originalPath";

    /** Present only on exchanges forwarded by a FiveM route: the internal handlers require it. */
    static final String ROUTED = FivemExchangeAttributes.class.getName() + ".routed";

    private FivemExchangeAttributes() {
    }

    public static InetAddress clientAddress(ServerWebExchange exchange) {
        return exchange.getAttribute(CLIENT_ADDRESS);
    }
}
