package io.gatehouse.world.resources;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata entries of an {@code fxmanifest.lua} / {@code __resource.lua}, read without running Lua.
 *
 * <p>FXServer executes the manifest in a sandbox where every unknown global is a function recording
 * {@code key -> value}. Real manifests are almost always plain declarations, so this reads the declarative subset:
 * {@code key 'v'}, {@code key "v"}, {@code key [[v]]}, {@code key { 'a', "b" }} and {@code key('v')}, with Lua
 * comments. Plural table forms FXServer aliases ({@code client_scripts {...}}) are recorded under the singular key.
 * Chained extra arguments ({@code data_file 'TYPE' 'path'}) keep the first argument only. Anything else (locals,
 * conditionals, function calls computing names) is skipped, which is the documented simplification.
 */
public final class FxManifest {

    private static final Map<String, String> PLURALS = Map.of(
            "files", "file",
            "client_scripts", "client_script",
            "server_scripts", "server_script",
            "shared_scripts", "shared_script",
            "maps", "map",
            "exports", "export",
            "server_exports", "server_export",
            "dependencies", "dependency",
            "data_files", "data_file");

    private final Map<String, List<String>> entries;

    private FxManifest(Map<String, List<String>> entries) {
        this.entries = entries;
    }

    /** All values recorded for a key (singular form), in manifest order. */
    public List<String> entries(String key) {
        return entries.getOrDefault(key, List.of());
    }

    public boolean has(String key) {
        return !entries(key).isEmpty();
    }

    public Map<String, List<String>> all() {
        return entries;
    }

    public static FxManifest parse(String source) {
        List<Token> tokens = new Lexer(source).tokens();
        Map<String, List<String>> entries = new LinkedHashMap<>();
        int i = 0;
        while (i < tokens.size()) {
            Token token = tokens.get(i);
            if (token.kind != Kind.IDENT || i + 1 >= tokens.size()) {
                i++;
                continue;
            }
            // a statement `ident =` or `ident.x` is an assignment or expression, not a declaration
            if (i > 0 && isPunct(tokens.get(i - 1), ".", ":")) {
                i++;
                continue;
            }
            Token next = tokens.get(i + 1);
            List<String> values = new ArrayList<>();
            int after;
            if (next.kind == Kind.STRING) {
                values.add(next.text);
                after = i + 2;
            } else if (isPunct(next, "{")) {
                after = collectTable(tokens, i + 1, values);
            } else if (isPunct(next, "(")) {
                after = collectCall(tokens, i + 1, values);
            } else {
                i++;
                continue;
            }
            String key = PLURALS.getOrDefault(token.text, token.text);
            entries.computeIfAbsent(key, k -> new ArrayList<>()).addAll(values);
            // skip chained arguments: `data_file 'TYPE' 'path'` records only the type
            while (after < tokens.size() && (tokens.get(after).kind == Kind.STRING || isPunct(tokens.get(after), "{"))) {
                after = tokens.get(after).kind == Kind.STRING ? after + 1 : collectTable(tokens, after, new ArrayList<>());
            }
            i = after;
        }
        entries.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return new FxManifest(Collections.unmodifiableMap(entries));
    }

    /** Strings inside a (possibly nested) table starting at {@code open}; returns the index after the closing brace. */
    private static int collectTable(List<Token> tokens, int open, List<String> values) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (isPunct(t, "{")) {
                depth++;
            } else if (isPunct(t, "}")) {
                if (--depth == 0) {
                    return i + 1;
                }
            } else if (t.kind == Kind.STRING && !(i + 1 < tokens.size() && isPunct(tokens.get(i + 1), "="))) {
                values.add(t.text);
            }
        }
        return tokens.size();
    }

    private static int collectCall(List<Token> tokens, int open, List<String> values) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (isPunct(t, "(")) {
                depth++;
            } else if (isPunct(t, ")")) {
                if (--depth == 0) {
                    return i + 1;
                }
            } else if (t.kind == Kind.STRING) {
                values.add(t.text);
            }
        }
        return tokens.size();
    }

    private static boolean isPunct(Token t, String... texts) {
        if (t.kind != Kind.PUNCT) {
            return false;
        }
        for (String text : texts) {
            if (t.text.equals(text)) {
                return true;
            }
        }
        return false;
    }

    private enum Kind { IDENT, STRING, PUNCT, OTHER }

    private record Token(Kind kind, String text) {}

    private static final class Lexer {
        private final String s;
        private int pos;

        Lexer(String s) {
            this.s = s;
        }

        List<Token> tokens() {
            List<Token> tokens = new ArrayList<>();
            while (true) {
                skipSpaceAndComments();
                if (pos >= s.length()) {
                    return tokens;
                }
                char c = s.charAt(pos);
                if (Character.isLetter(c) || c == '_') {
                    int start = pos;
                    while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                        pos++;
                    }
                    tokens.add(new Token(Kind.IDENT, s.substring(start, pos)));
                } else if (c == '\'' || c == '"') {
                    tokens.add(new Token(Kind.STRING, quoted(c)));
                } else if (c == '[' && longBracketLevel() >= 0) {
                    tokens.add(new Token(Kind.STRING, longBracket()));
                } else if ("{}(),;=.:".indexOf(c) >= 0) {
                    tokens.add(new Token(Kind.PUNCT, String.valueOf(c)));
                    pos++;
                } else {
                    tokens.add(new Token(Kind.OTHER, String.valueOf(c)));
                    pos++;
                }
            }
        }

        private void skipSpaceAndComments() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                } else if (s.startsWith("--", pos)) {
                    pos += 2;
                    if (pos < s.length() && s.charAt(pos) == '[' && longBracketLevel() >= 0) {
                        longBracket();
                    } else {
                        while (pos < s.length() && s.charAt(pos) != '\n') {
                            pos++;
                        }
                    }
                } else {
                    return;
                }
            }
        }

        /** Level of a long bracket opening at pos ({@code [[} is 0, {@code [==[} is 2), or -1. */
        private int longBracketLevel() {
            int p = pos + 1;
            int level = 0;
            while (p < s.length() && s.charAt(p) == '=') {
                level++;
                p++;
            }
            return p < s.length() && s.charAt(p) == '[' ? level : -1;
        }

        private String longBracket() {
            int level = longBracketLevel();
            int contentStart = pos + level + 2;
            String close = "]" + "=".repeat(level) + "]";
            int end = s.indexOf(close, contentStart);
            if (end < 0) {
                pos = s.length();
                return s.substring(Math.min(contentStart, s.length()));
            }
            pos = end + close.length();
            String content = s.substring(contentStart, end);
            // Lua drops a newline directly after the opening bracket
            if (content.startsWith("\r\n")) {
                return content.substring(2);
            }
            return content.startsWith("\n") ? content.substring(1) : content;
        }

        private String quoted(char quote) {
            StringBuilder out = new StringBuilder();
            pos++;
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == quote || c == '\n') {
                    break;
                }
                if (c == '\\' && pos < s.length()) {
                    char e = s.charAt(pos++);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case '\\', '\'', '"' -> out.append(e);
                        default -> out.append('\\').append(e);
                    }
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }
}
