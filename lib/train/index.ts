export * from "./schedules";
export * from "./optimizers";
export * from "./evaluate";
export * from "./train";
export * from "./gridsearch";
