package io.gatehouse.registry.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The Lua scripts under {@code gatehouse/redis/}, each prefixed with {@code lib.lua}, run by EVALSHA. The SHA is
 * computed locally; a NOSCRIPT reply (fresh or flushed server) loads the script once and retries.
 */
final class RedisScripts {

    enum Script {
        CREATE_PENDING("create_pending", ScriptOutputType.MULTI),
        FIND("find", ScriptOutputType.MULTI),
        SET_DEFERRAL("set_deferral", ScriptOutputType.MULTI),
        TOUCH_TOKEN("touch_token", ScriptOutputType.INTEGER),
        GATE_CONNECT("gate_connect", ScriptOutputType.VALUE),
        GATE_LOCK("gate_lock", ScriptOutputType.INTEGER),
        BIND("bind", ScriptOutputType.MULTI),
        HEARTBEAT("heartbeat", ScriptOutputType.MULTI),
        REMOVE("remove", ScriptOutputType.MULTI),
        REAP("reap", ScriptOutputType.MULTI),
        COUNTS("counts", ScriptOutputType.MULTI),
        ROSTER("roster", ScriptOutputType.MULTI),
        FIRST_USE("first_use", ScriptOutputType.INTEGER),
        PASSWORD_FAILURE("password_failure", ScriptOutputType.INTEGER);

        final String file;
        final ScriptOutputType output;

        Script(String file, ScriptOutputType output) {
            this.file = file;
            this.output = output;
        }
    }

    private record Loaded(String body, String sha) {
    }

    private static final String[] NO_KEYS = new String[0];

    private final Map<Script, Loaded> scripts = new EnumMap<>(Script.class);

    RedisScripts() {
        String lib = resource("lib");
        for (Script script : Script.values()) {
            String body = lib + "\n" + resource(script.file);
            scripts.put(script, new Loaded(body, sha1(body)));
        }
    }

    /**
     * Runs a script. Keys are built inside the scripts from the prefix argument, so every key of one store shares
     * that prefix; on Redis Cluster give the prefix a hash tag (e.g. {@code {gatehouse}:}) to keep them in one slot.
     */
    <T> CompletableFuture<T> run(RedisAsyncCommands<String, String> redis, Script script, List<String> args) {
        Loaded loaded = scripts.get(script);
        String[] values = args.toArray(String[]::new);
        CompletableFuture<T> first = redis.<T>evalsha(loaded.sha(), script.output, NO_KEYS, values)
                .toCompletableFuture();
        return first.handle((value, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(value);
            }
            if (isNoScript(error)) {
                return redis.scriptLoad(loaded.body()).toCompletableFuture()
                        .thenCompose(sha -> redis.<T>evalsha(sha, script.output, NO_KEYS, values));
            }
            return CompletableFuture.<T>failedFuture(error);
        }).thenCompose(f -> f);
    }

    private static boolean isNoScript(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof RedisNoScriptException
                || (cause.getMessage() != null && cause.getMessage().startsWith("NOSCRIPT"));
    }

    private static String resource(String name) {
        String path = "gatehouse/redis/" + name + ".lua";
        try (InputStream in = RedisScripts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing script " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String body) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
