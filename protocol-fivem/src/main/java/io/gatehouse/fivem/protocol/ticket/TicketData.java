package io.gatehouse.fivem.protocol.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.fivem.protocol.FivemProtocolException;
import io.gatehouse.fivem.protocol.json.FxJson;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What a verified ticket contributes ({@code VerifyTicketEx}'s {@code TicketData}): the 20-byte entitlement hash and
 * the extra JSON ({@code gn}, {@code si}, {@code tk[]}, {@code hw[]}...). Either may be absent.
 */
public record TicketData(Optional<byte[]> entitlementHash, Optional<String> extraJson) {

    public static final TicketData NONE = new TicketData(Optional.empty(), Optional.empty());

    /** Lower-case hex of the entitlement hash (40 chars), as FXServer stores it. */
    public Optional<String> entitlementHashHex() {
        return entitlementHash.map(h -> HexFormat.of().formatHex(h));
    }

    /** {@code license:<40 hex>}, the License identity provider's identifier. */
    public Optional<String> licenseIdentifier() {
        return entitlementHashHex().map(h -> "license:" + h);
    }

    /** The parsed extra JSON, or empty when absent or not valid JSON. */
    public Optional<JsonNode> extra() {
        if (extraJson.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(FxJson.parse(extraJson.get()));
        } catch (FivemProtocolException e) {
            return Optional.empty();
        }
    }

    /** A string field of the extra JSON object ({@code gn}, {@code si}), when present and a string. */
    public Optional<String> extraString(String field) {
        return extra().filter(JsonNode::isObject).map(n -> n.get(field)).filter(JsonNode::isTextual)
                .map(JsonNode::textValue);
    }

    /**
     * The {@code tk} entries, added verbatim as identifiers. Like the C++ loop ({@code entry.get<std::string>()}
     * inside a try), a non-string entry stops the list there.
     */
    public List<String> extraIdentifiers() {
        return stringArrayPrefix("tk");
    }

    /** The {@code hw} hardware tokens, with the same stop-at-first-non-string behaviour. */
    public List<String> hardwareTokens() {
        return stringArrayPrefix("hw");
    }

    private List<String> stringArrayPrefix(String field) {
        List<String> out = new ArrayList<>();
        Optional<JsonNode> node = extra().filter(JsonNode::isObject).map(n -> n.get(field)).filter(JsonNode::isArray);
        if (node.isPresent()) {
            for (JsonNode e : node.get()) {
                if (!e.isTextual()) {
                    break;
                }
                out.add(e.textValue());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "TicketData[entitlementHash=" + (entitlementHash.isPresent() ? "present" : "absent") + ", extraJson="
                + (extraJson.isPresent() ? "present" : "absent") + "]";
    }
}
