export { parseFilterlog, TRUNCATION_CAPS, type ParseFilterlogOptions } from './parse.js';
export { FilterlogRecord, type FilterlogIcmp, type FilterlogCarp } from './record.js';
export { splitCommas, trimEndIndex } from './split.js';
export { transportName, isAtTruncationCap } from './protocol.js';
export { addIpv4Header, filterlogEcs, tcpOptionList } from './ecs-common.js';
