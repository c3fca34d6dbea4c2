/** localStorage key of the flow a user last opened, so `/designer` reopens it. */
export const lastFlowKey = (userId: number): string => `linkage.designer.last.${userId}`;
