package io.gatehouse.fivem.protocol.http;

import io.gatehouse.fivem.protocol.json.FxJson;
import java.util.ArrayList;
import java.util.List;

/** {@code method=getEndpoints&token=<token>} responses; each is one chunk ({@code json\r\n}) then end. */
public final class GetEndpoints {

    private GetEndpoints() {
    }

    /** No {@code token} field. */
    public static String fieldsMissing() {
        return DeferralChunks.error(InitConnectError.FIELDS_MISSING_TEXT);
    }

    /** The token matches no client. */
    public static String unknownToken() {
        return FxJson.chunk(false);
    }

    /** The {@code sv_endpoints} list as a JSON array ({@code []} when empty). */
    public static String endpoints(String svEndpoints) {
        return FxJson.chunk(splitEndpoints(svEndpoints));
    }

    /**
     * Splits {@code sv_endpoints} like boost {@code split_iterator(token_finder(is_space, token_compress_on))}:
     * runs of white space separate entries; an empty value gives no entries; leading or trailing white space yields
     * an empty entry as boost does.
     */
    public static List<String> splitEndpoints(String svEndpoints) {
        List<String> out = new ArrayList<>();
        if (svEndpoints == null || svEndpoints.isEmpty()) {
            return out;
        }
        int start = 0;
        int i = 0;
        int n = svEndpoints.length();
        while (i < n) {
            if (isSpace(svEndpoints.charAt(i))) {
                out.add(svEndpoints.substring(start, i));
                while (i < n && isSpace(svEndpoints.charAt(i))) {
                    i++;
                }
                start = i;
            } else {
                i++;
            }
        }
        out.add(svEndpoints.substring(start));
        return out;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
