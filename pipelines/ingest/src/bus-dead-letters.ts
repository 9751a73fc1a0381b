import type { BusProducer, DeadLetter, DeadLetterSink } from '@pullwatch/ports';

/** DeadLetterSink over a bus topic (Kafka `pullwatch.deadletter`): one JSON record per dead letter. */
export class BusDeadLetters implements DeadLetterSink {
  constructor(
    private readonly producer: BusProducer,
    private readonly topic: string,
  ) {}

  async put(letters: DeadLetter[]): Promise<void> {
    await this.producer.send(
      this.topic,
      letters.map((l) => ({
        key: l.context?.key ?? l.context?.id ?? l.stage,
        value: Buffer.from(JSON.stringify(l)),
        headers: { 'pullwatch-stage': l.stage, 'pullwatch-code': String(l.code) },
      })),
    );
  }
}
