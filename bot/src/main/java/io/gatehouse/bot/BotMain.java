package io.gatehouse.bot;

import io.gatehouse.bot.fivem.FivemBotCommand;
import io.gatehouse.bot.hytale.HytaleBotCommand;
import java.util.Arrays;

/** {@code bot <game> [options]}: a tiny dispatcher to each game's simulated player. */
public final class BotMain {

    static final String USAGE = "Usage: bot hytale|fivem [options]   (bot <game> --help for the options)\n";

    private BotMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0) {
            System.err.print(USAGE);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "hytale" -> HytaleBotCommand.run(rest, System.out, System.err);
            case "fivem" -> FivemBotCommand.run(rest, System.out, System.err);
            default -> {
                System.err.println("Unknown game: " + args[0]);
                System.err.print(USAGE);
                yield 2;
            }
        };
    }
}
