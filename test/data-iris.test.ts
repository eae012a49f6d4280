import { describe, expect, it } from "vitest";
import { get, toArray } from "../lib/matrix";
import { loadIris } from "../lib/data";

describe("loadIris", () => {
  const iris = loadIris();

  it("has 150 examples of 4 features in 3 classes of 50", () => {
    expect([iris.X.rows, iris.X.cols]).toEqual([150, 4]);
    expect([iris.Y.rows, iris.Y.cols]).toEqual([150, 3]);
    expect(iris.classNames).toEqual(["setosa", "versicolor", "virginica"]);
    expect(iris.featureNames).toEqual(["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"]);
    expect([0, 1, 2].map((c) => iris.labels.filter((y) => y === c).length)).toEqual([50, 50, 50]);
  });

  it("starts with Fisher's first sample (5.1, 3.5, 1.4, 0.2, setosa) and ends with the last (5.9, 3.0, 5.1, 1.8, virginica)", () => {
    expect(toArray(iris.X)[0]).toEqual([5.1, 3.5, 1.4, 0.2]);
    expect(iris.labels[0]).toBe(0);
    expect(toArray(iris.X)[149]).toEqual([5.9, 3.0, 5.1, 1.8]);
    expect(iris.labels[149]).toBe(2);
    // The package keeps the classes in blocks of 50.
    expect([iris.labels[49], iris.labels[50], iris.labels[99], iris.labels[100]]).toEqual([0, 1, 1, 2]);
  });

  it("has one-hot targets matching the labels", () => {
    for (let i = 0; i < 150; i++) {
      for (let c = 0; c < 3; c++) expect(get(iris.Y, i, c)).toBe(c === iris.labels[i] ? 1 : 0);
    }
  });

  it("returns fresh data on every call", () => {
    const a = loadIris();
    a.X.data[0] = 99;
    expect(loadIris().X.data[0]).toBe(5.1);
  });
});
