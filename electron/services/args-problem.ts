/** Node's parseArgs complaints in the catalogue's words, for the command line and `npm start` alike. */
import { zh } from '../../shared/messages/zh-CN';

/**
 * What was wrong with the arguments, from one of Node's parseArgs errors, in the catalogue's words:
 * a user who typed a wrong option reads which one, and never the library's English text.
 */
export function argsProblem(error: unknown): string {
  const t = zh.cli;
  const message = error instanceof Error ? error.message : '';
  const code = (error as { code?: string } | null)?.code;
  // The option as parseArgs quotes it: "Unknown option '--foo'", "Option '--out <value>' argument missing".
  const option = /option '(-{1,2}[^' ]+)/i.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return t.unknownOption(option);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return /does not take an argument/.test(message) ? t.optionTakesNoValue(option) : t.optionNeedsValue(option);
  return t.unreadableArguments;
}
