package io.krxtrader.cli;

import io.krxtrader.krx.Symbol;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** What the query commands share: symbol arguments and the output format. */
abstract class QueryCommand extends KrxCommand {

  @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), json or csv.")
  OutputFormat format = OutputFormat.TABLE;

  List<Symbol> symbols(List<String> codes) {
    return symbols(codes, spec.commandLine());
  }

  static List<Symbol> symbols(List<String> codes, CommandLine command) {
    return codes == null
        ? List.of()
        : codes.stream()
            .map(
                code -> {
                  if (!Symbol.isValid(code)) {
                    throw new ParameterException(
                        command,
                        "a symbol is six upper-case letters or digits [value=" + code + "]");
                  }
                  return Symbol.of(code);
                })
            .toList();
  }

  int print(Rows rows) {
    rows.print(out(), format);
    return 0;
  }
}
