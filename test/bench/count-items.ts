import { db } from '../../functions/src/platform/dynamodb.ts';

/**
 * Counts every item DynamoDB is asked to write or read (a middleware on the shared client), so a
 * benchmark can report an operation's cost as items, which the machine's noise does not change.
 */
export const counts = { writes: 0, reads: 0 };

export function countItems() {
  // A middleware on the shared document client: every command's items, by the command's name.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const middleware = (next: any, context: { commandName?: string }) => async (args: any) => {
    const input = args.input as Record<string, any>;
    const result = await next(args);
    const output = result.output as Record<string, any>;
    switch (context.commandName) {
      case 'TransactWriteItemsCommand':
        counts.writes += input.TransactItems.length;
        break;
      case 'BatchWriteItemCommand':
        counts.writes += (Object.values(input.RequestItems)[0] as unknown[]).length;
        break;
      case 'PutItemCommand':
      case 'UpdateItemCommand':
      case 'DeleteItemCommand':
        counts.writes += 1;
        break;
      case 'GetItemCommand':
        counts.reads += output.Item ? 1 : 0;
        break;
      case 'BatchGetItemCommand':
        counts.reads += (Object.values(output.Responses ?? {})[0] as unknown[] | undefined)?.length ?? 0;
        break;
      default:
        counts.reads += output.Items?.length ?? 0;
    }
    return result;
  };
  db().middlewareStack.add(middleware, { step: 'initialize', name: 'benchCountItems' });
}

export async function measure<T>(fn: () => Promise<T>): Promise<{ result: T; writes: number; reads: number }> {
  counts.writes = 0;
  counts.reads = 0;
  const result = await fn();
  return { result, writes: counts.writes, reads: counts.reads };
}

