/** Route patterns used outside the route table too (the boot prefetch matches the designer's). */
export const DESIGNER_FLOW_ROUTE = '/designer/:flowId';
