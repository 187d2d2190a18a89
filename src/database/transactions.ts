import { Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel.js';

/**
 * A unit of work: the connection a service's transaction runs on. Services own their transactions
 * (`this.tx.run(async (tx) => …)`) and hand `tx` to their repositories, which alone run SQL on it;
 * a service never builds a query itself. Outside a transaction, repositories use their own manager.
 */
export type Tx = EntityManager;

@Injectable()
export class Transactions {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Runs `work` in one transaction (READ COMMITTED unless told otherwise); it commits when `work` resolves. */
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  run<T>(isolation: IsolationLevel, work: (tx: Tx) => Promise<T>): Promise<T>;
  run<T>(a: IsolationLevel | ((tx: Tx) => Promise<T>), b?: (tx: Tx) => Promise<T>): Promise<T> {
    return typeof a === 'function' ? this.ds.transaction(a) : this.ds.transaction(a, b!);
  }

  /** The connection outside any transaction: each statement commits on its own. */
  get none(): Tx {
    return this.ds.manager;
  }
}

/** Makes `Transactions` available to every module. */
@Global()
@Module({ providers: [Transactions], exports: [Transactions] })
export class TransactionsModule {}
