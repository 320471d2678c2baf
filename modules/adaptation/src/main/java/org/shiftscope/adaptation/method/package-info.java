/**
 * The adaptation methods a user can run, one class each ({@link org.shiftscope.adaptation.method.AdaptationMethod}
 * lists them; {@link org.shiftscope.adaptation.method.AdaptationMethods} registers them under their ids). A method
 * sees the classifier's outputs and, when it must train, reaches the built-in network through the ports
 * {@link org.shiftscope.adaptation.method.ClassifierTrainer} and
 * {@link org.shiftscope.adaptation.method.TrainableNetwork}, which the workflow implements with the embedding
 * module's DJL encoder: this package never touches DJL. Each method returns its own typed report.
 */
package org.shiftscope.adaptation.method;
