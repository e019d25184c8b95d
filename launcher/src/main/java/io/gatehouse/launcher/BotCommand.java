package io.gatehouse.launcher;

/** {@code ./gatehouse bot fivem|hytale}: delegates to the bot module. */
final class BotCommand {

    private BotCommand() {
    }

    static void main(String[] args) throws Exception {
        Class.forName("io.gatehouse.bot.BotMain").getMethod("main", String[].class).invoke(null, (Object) args);
    }
}
