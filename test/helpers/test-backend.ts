/** Puts TF.js on the suite's default backend (or RECSYS_BACKEND) with the suite's fast kernels registered. */
import { initBackend } from "../../src/backend/select-backend";

export async function useTestBackend(): Promise<void> {
  await initBackend();
}
