package io.gatehouse.launcher;

/** {@code ./gatehouse bench}: delegates to the load generator in the bot module. */
final class BenchCommand {

    private BenchCommand() {
    }

    static void main(String[] args) throws Exception {
        Class.forName("io.gatehouse.bot.bench.BenchMain").getMethod("main", String[].class).invoke(null, (Object) args);
    }
}
