package io.gatehouse.gateway.fivem.http;

import io.gatehouse.support.lifecycle.PlayerListener;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/**
 * The FiveM TCP port as a {@link PlayerListener}: bound once the gateway's web server (not the management server) has
 * started, so readiness waits for it.
 */
public class FivemHttpListener implements PlayerListener {

    public static final String NAME = "fivem-http";

    private final ApplicationContext context;
    private final String bindHost;
    private volatile int port = -1;
    private volatile String boundAddress;

    public FivemHttpListener(ApplicationContext context, String bindHost) {
        this.context = context;
        this.bindHost = bindHost == null || bindHost.isBlank() ? "0.0.0.0" : bindHost;
    }

    @EventListener
    public void onWebServerStarted(WebServerInitializedEvent event) {
        if (event.getApplicationContext() != context || event.getApplicationContext().getServerNamespace() != null) {
            return; // the management server's child context, or another context
        }
        port = event.getWebServer().getPort();
        boundAddress = (bindHost.indexOf(':') >= 0 ? "[" + bindHost + "]" : bindHost) + ":" + port;
    }

    @EventListener
    public void onContextClosed(ContextClosedEvent event) {
        if (event.getApplicationContext() == context) {
            boundAddress = null;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String boundAddress() {
        return boundAddress;
    }

    /** The bound port, -1 before the server started. */
    public int port() {
        return port;
    }
}
