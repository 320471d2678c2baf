package org.shiftscope.app;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print the bash completion script (every command and option). bash: source <(shiftscope"
                + " completion); zsh: autoload -U +X bashcompinit && bashcompinit && source <(shiftscope completion).")
final class CompletionCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.commandLine().getParent();
        spec.commandLine().getOut().print(AutoComplete.bash("shiftscope", root));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
