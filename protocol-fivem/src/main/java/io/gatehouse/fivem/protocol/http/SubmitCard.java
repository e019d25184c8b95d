package io.gatehouse.fivem.protocol.http;

import io.gatehouse.fivem.protocol.form.FormData;
import io.gatehouse.fivem.protocol.json.FxJson;
import java.util.Map;

/** {@code method=submitCard&data=<card JSON>&token=<token>} responses, one chunk each. */
public final class SubmitCard {

    private SubmitCard() {
    }

    /** True when both {@code data} and {@code token} are present; otherwise answer {@link #fieldsMissing()}. */
    public static boolean hasFields(FormData form) {
        return form.has("data") && form.has("token");
    }

    public static String fieldsMissing() {
        return DeferralChunks.error(InitConnectError.FIELDS_MISSING_TEXT);
    }

    public static String noClient() {
        return DeferralChunks.error("no client");
    }

    public static String ok() {
        Map<String, Object> o = FxJson.object();
        o.put("result", "ok");
        return FxJson.chunk(o);
    }
}
