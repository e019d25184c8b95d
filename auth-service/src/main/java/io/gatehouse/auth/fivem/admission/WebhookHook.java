package io.gatehouse.auth.fivem.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.auth.fivem.FivemAuthProperties;
import io.gatehouse.fivem.protocol.http.InitConnectError;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Lets an operator's HTTP endpoint decide admissions ({@code gatehouse.fivem.admission.webhook.*}). Each ask is a
 * {@code POST} of {@code {"name","guid","identifiers","ip","attempt"[,"cardResponse"]}}; the answer's {@code action}
 * is {@code accept}, {@code reject} ({@code reason}), {@code defer} ({@code message}; asked again after the poll
 * interval) or {@code card} ({@code card}, an Adaptive Card object or its text; asked again with the player's answer).
 * Failures, timeouts, an open circuit breaker or running past {@code max-wait} accept or refuse per
 * {@code fail-open}. Everything is non-blocking (WebClient on Reactor Netty).
 */
public final class WebhookHook implements AdmissionHook {

    private static final Logger log = LoggerFactory.getLogger(WebhookHook.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FivemAuthProperties properties;
    private final WebClient client;
    private final CircuitBreaker breaker;

    public WebhookHook(FivemAuthProperties properties, WebClient client) {
        this.properties = properties;
        this.client = client;
        this.breaker = CircuitBreaker.of("fivem-admission-webhook", CircuitBreakerConfig.custom()
                .slidingWindowSize(20).minimumNumberOfCalls(5).failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(10)).build());
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    @Override
    public String description() {
        return properties.getAdmission().getWebhook().getDescription();
    }

    @Override
    public CompletionStage<AdmissionVerdict> admit(ConnectingPlayer player, Deferral deferral) {
        FivemAuthProperties.Webhook w = properties.getAdmission().getWebhook();
        CompletableFuture<AdmissionVerdict> result = new CompletableFuture<>();
        if (w.getUrl() == null || w.getUrl().isBlank()) {
            result.complete(AdmissionVerdict.accept());
            return result;
        }
        long deadline = System.nanoTime() + w.getMaxWait().toNanos();
        new Exchange(w, player, deferral, result, deadline).ask(1, null);
        return result;
    }

    private final class Exchange {
        private final FivemAuthProperties.Webhook w;
        private final ConnectingPlayer player;
        private final Deferral deferral;
        private final CompletableFuture<AdmissionVerdict> result;
        private final long deadline;
        private volatile Disposable inFlight;

        Exchange(FivemAuthProperties.Webhook w, ConnectingPlayer player, Deferral deferral,
                 CompletableFuture<AdmissionVerdict> result, long deadline) {
            this.w = w;
            this.player = player;
            this.deferral = deferral;
            this.result = result;
            this.deadline = deadline;
            // the player left (or the flow ended): stop asking
            result.whenComplete((v, e) -> {
                Disposable d = inFlight;
                if (d != null) {
                    d.dispose();
                }
            });
        }

        void ask(int attempt, String cardResponse) {
            if (result.isDone() || deferral.isCancelled()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("max-wait exceeded");
                return;
            }
            ObjectNode body = JSON.createObjectNode();
            body.put("name", player.name());
            body.put("guid", player.guid());
            body.putPOJO("identifiers", player.identifiers());
            body.put("ip", player.ip());
            body.put("attempt", attempt);
            if (cardResponse != null) {
                body.put("cardResponse", cardResponse);
            }
            inFlight = client.post().uri(w.getUrl()).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body.toString())
                    .retrieve()
                    .bodyToMono(String.class)
                    .timeout(w.getTimeout())
                    .transformDeferred(CircuitBreakerOperator.of(breaker))
                    .subscribe(text -> handle(attempt, text), error -> fail(error.toString()));
        }

        private void handle(int attempt, String text) {
            JsonNode answer;
            try {
                answer = JSON.readTree(text);
            } catch (Exception e) {
                fail("unreadable answer");
                return;
            }
            String action = answer.path("action").asText("");
            switch (action) {
                case "accept" -> result.complete(AdmissionVerdict.accept());
                case "reject" -> result.complete(AdmissionVerdict.reject(
                        answer.path("reason").isTextual() ? answer.get("reason").textValue()
                                : InitConnectError.RESOURCE_PREVENTED_TEXT));
                case "defer" -> {
                    JsonNode message = answer.get("message");
                    if (message != null && message.isTextual()) {
                        deferral.update(message.textValue());
                    } else {
                        deferral.defer();
                    }
                    inFlight = Mono.delay(w.getPollInterval()).subscribe(x -> ask(attempt + 1, null));
                }
                case "card" -> {
                    JsonNode card = answer.get("card");
                    if (card == null || card.isNull()) {
                        fail("card without \"card\"");
                        return;
                    }
                    String cardText = card.isTextual() ? card.textValue() : card.toString();
                    deferral.presentCard(cardText).whenComplete((data, error) -> {
                        if (error == null) {
                            ask(attempt + 1, data);
                        }
                    });
                }
                default -> fail("unknown action");
            }
        }

        private void fail(String why) {
            if (result.isDone() || deferral.isCancelled()) {
                return;
            }
            log.warn("Admission webhook failed ({}); {}", why, w.isFailOpen() ? "accepting" : "refusing");
            result.complete(w.isFailOpen() ? AdmissionVerdict.accept() : AdmissionVerdict.reject(w.getUnavailableMessage()));
        }
    }
}
