export interface ContractStore {}
export const contractSuite = () => {}
